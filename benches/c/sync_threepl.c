/* Syncs every shipment of a 3PL through the C ABI's list iterator and prints how many it got.
 * usage: sync_threepl BASE_URL TOKEN */
#include <stdio.h>

#include <shiplink.h>

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s BASE_URL TOKEN\n", argv[0]);
        return 2;
    }
    char config[1024];
    snprintf(config, sizeof config, "{\"base_url\":\"%s\",\"token\":\"%s\"}", argv[1], argv[2]);
    shiplink_threepl_client *client = NULL;
    shiplink_list_iter *iter = NULL;
    if (shiplink_threepl_client_new(config, &client) != SHIPLINK_OK ||
        shiplink_threepl_iter_new(client, "shipments", NULL, &iter) != SHIPLINK_OK) {
        fprintf(stderr, "%s\n", shiplink_last_error());
        return 1;
    }
    long shipments = 0;
    char *shipment = NULL;
    shiplink_status status;
    while ((status = shiplink_list_iter_next(iter, &shipment)) == SHIPLINK_OK) {
        shipments++;
        shiplink_string_free(shipment);
    }
    if (status != SHIPLINK_DONE) {
        fprintf(stderr, "%s\n", shiplink_last_error());
        return 1;
    }
    char *checkpoint = NULL;
    if (shiplink_list_iter_checkpoint(iter, &checkpoint) != SHIPLINK_OK) {
        fprintf(stderr, "%s\n", shiplink_last_error());
        return 1;
    }
    shiplink_string_free(checkpoint);
    shiplink_list_iter_free(iter);
    shiplink_threepl_client_free(client);
    printf("%ld\n", shipments);
    return 0;
}
