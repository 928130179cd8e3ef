/* A C host playing both roles against ShipperOne: the warehouse accepts and ships (two tracking
 * numbers per order), the ERP allocates and invoices. Orders are read with cJSON; any JSON
 * library does. Usage: host BASE_URL TOKEN */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <shiplink.h>

static shiplink_client *client;

static int fail(const char *what) {
    const char *detail = shiplink_last_error();
    fprintf(stderr, "%s failed: %s\n", what, detail ? detail : "(no detail)");
    return 1;
}

/* {"<wrapper>":{"order_id":…,"items":[{"item_id":…[,"qty":…]}]}} for every line of the order. */
static cJSON *request(const cJSON *order, const char *wrapper, int with_qty) {
    cJSON *root = cJSON_CreateObject();
    cJSON *body = cJSON_AddObjectToObject(root, wrapper);
    cJSON_AddStringToObject(body, "order_id", cJSON_GetObjectItem(order, "order_id")->valuestring);
    cJSON *items = cJSON_AddArrayToObject(body, "items");
    const cJSON *item;
    cJSON_ArrayForEach(item, cJSON_GetObjectItem(order, "items")) {
        cJSON *line = cJSON_CreateObject();
        cJSON_AddNumberToObject(line, "item_id", cJSON_GetObjectItem(item, "item_id")->valuedouble);
        if (with_qty) {
            cJSON_AddNumberToObject(line, "qty", cJSON_GetObjectItem(item, "qty")->valuedouble);
        }
        cJSON_AddItemToArray(items, line);
    }
    return root;
}

static void add_tracks(cJSON *root, const char *order_id) {
    cJSON *tracks = cJSON_AddArrayToObject(cJSON_GetObjectItem(root, "shipment"), "tracks");
    for (int parcel = 1; parcel <= 2; parcel++) {
        char number[64];
        snprintf(number, sizeof number, "JD%s-%d", order_id + 3, parcel);
        cJSON *track = cJSON_CreateObject();
        cJSON_AddStringToObject(track, "carrier_code", "dhl");
        cJSON_AddStringToObject(track, "title", "DHL Express");
        cJSON_AddStringToObject(track, "track_number", number);
        cJSON_AddItemToArray(tracks, track);
    }
}

/* Walks one queue and performs `stage` on every order in it. */
static int run_stage(const char *queue, const char *stage) {
    shiplink_queue_iter *iter = NULL;
    if (shiplink_queue_iter_new(client, queue, NULL, &iter) != SHIPLINK_OK) {
        return fail("shiplink_queue_iter_new");
    }
    int done = 0, status;
    char *order_json = NULL;
    while ((status = shiplink_queue_iter_next(iter, &order_json)) == SHIPLINK_OK) {
        cJSON *order = cJSON_Parse(order_json);
        shiplink_string_free(order_json);
        const char *order_id = cJSON_GetObjectItem(order, "order_id")->valuestring;
        cJSON *req;
        shiplink_status (*action)(shiplink_client *, const char *, char **);
        if (strcmp(stage, "accept") == 0) {
            req = request(order, "order", 1);
            action = shiplink_accept;
        } else if (strcmp(stage, "allocate") == 0) {
            req = request(order, "order", 0);
            action = shiplink_allocate;
        } else if (strcmp(stage, "ship") == 0) {
            req = request(order, "shipment", 1);
            add_tracks(req, order_id);
            action = shiplink_ship;
        } else {
            req = request(order, "order", 0);
            cJSON_AddNumberToObject(cJSON_GetObjectItem(req, "order"), "shipping_amount_incl_tax",
                                    cJSON_GetObjectItem(order, "shipping_amount_incl_tax")->valuedouble);
            action = shiplink_invoice;
        }
        char *text = cJSON_PrintUnformatted(req);
        char *response = NULL;
        shiplink_status acted = action(client, text, &response);
        if (acted != SHIPLINK_OK) {
            fprintf(stderr, "%s %s: %s\n", stage, order_id, shiplink_status_name(acted));
            free(text);
            cJSON_Delete(req);
            cJSON_Delete(order);
            shiplink_queue_iter_free(iter);
            return fail(stage);
        }
        cJSON *after = cJSON_Parse(response);
        printf("  %-8s %s -> %s\n", stage, order_id, cJSON_GetObjectItem(after, "status")->valuestring);
        cJSON_Delete(after);
        shiplink_string_free(response);
        free(text);
        cJSON_Delete(req);
        cJSON_Delete(order);
        done++;
    }
    shiplink_queue_iter_free(iter);
    if (status != SHIPLINK_DONE) {
        return fail("shiplink_queue_iter_next");
    }
    printf("%s: %d order(s)\n", stage, done);
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s BASE_URL TOKEN\n", argv[0]);
        return 2;
    }
    char config[1024];
    snprintf(config, sizeof config, "{\"base_url\":\"%s\",\"token\":\"%s\"}", argv[1], argv[2]);
    if (shiplink_client_new(config, &client) != SHIPLINK_OK) {
        return fail("shiplink_client_new");
    }
    printf("shiplink %s\n", shiplink_version());
    int failed = run_stage("pending_accept", "accept") || run_stage("pending_allocation", "allocate") ||
                 run_stage("pending_shipment", "ship") || run_stage("pending_invoice", "invoice");
    shiplink_client_free(client);
    return failed;
}
