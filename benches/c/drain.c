/* Drains one queue through the C ABI's iterator and prints how many orders it saw.
 * usage: drain BASE_URL TOKEN STORE_CODE */
#include <stdio.h>

#include <shiplink.h>

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s BASE_URL TOKEN STORE_CODE\n", argv[0]);
        return 2;
    }
    char config[1024];
    snprintf(config, sizeof config, "{\"base_url\":\"%s\",\"token\":\"%s\",\"store_code\":\"%s\"}", argv[1],
             argv[2], argv[3]);
    shiplink_client *client = NULL;
    shiplink_queue_iter *iter = NULL;
    if (shiplink_client_new(config, &client) != SHIPLINK_OK ||
        shiplink_queue_iter_new(client, "pending_accept", NULL, &iter) != SHIPLINK_OK) {
        fprintf(stderr, "%s\n", shiplink_last_error());
        return 1;
    }
    long orders = 0;
    char *order = NULL;
    shiplink_status status;
    while ((status = shiplink_queue_iter_next(iter, &order)) == SHIPLINK_OK) {
        orders++;
        shiplink_string_free(order);
    }
    if (status != SHIPLINK_DONE) {
        fprintf(stderr, "%s\n", shiplink_last_error());
        return 1;
    }
    shiplink_queue_iter_free(iter);
    shiplink_client_free(client);
    printf("%ld\n", orders);
    return 0;
}
