/* The 3PL blueprint from a C host's point of view, written only from include/shiplink.h:
 * create an order, amend and cancel it, sync shipments with a stored checkpoint, and every
 * kind of bad input refused with INVALID_ARGUMENT naming the field, the sandbox receiving
 * nothing. Needs a running shiplink-sandbox (scripts/test-c starts one). */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <unistd.h>

#include "harness.h"
#include "shiplink.h"

static shiplink_threepl_client *client;

static const char *ORDER =
    "{\"order_number\":\"SO-C-%d\",\"reference\":\"C-%ld\",\"warehouse_id\":\"wh_syd_1\","
    "\"ship_to\":{\"name\":\"Jane Doe\",\"address1\":\"123 Main St\",\"country\":\"AU\"},"
    "\"items\":[{\"sku\":\"WIDGET-BLUE-M\",\"quantity\":%d,\"unit_price\":\"19.99\"}]}";

/* Requests the blueprint API has answered so far, from the sandbox's stats. */
static double requests_served(void) {
    char *text = sandbox_admin("GET", "/sandbox/stats", NULL);
    cJSON *stats = cJSON_Parse(text);
    cJSON *n = cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(stats, "threepl"), "counts"),
                                   "requests");
    double value = cJSON_IsNumber(n) ? n->valuedouble : -1;
    cJSON_Delete(stats);
    free(text);
    return value;
}

static char *string_field(const char *json, const char *key) {
    cJSON *root = cJSON_Parse(json);
    cJSON *item = cJSON_GetObjectItem(root, key);
    char *out = cJSON_IsString(item) ? strdup(item->valuestring) : NULL;
    cJSON_Delete(root);
    return out;
}

/* Walks `iter` to the end; returns the count of items. */
static int drain(shiplink_list_iter *iter) {
    int n = 0;
    char *item = NULL;
    shiplink_status status;
    while ((status = shiplink_list_iter_next(iter, &item)) == SHIPLINK_OK) {
        n++;
        shiplink_string_free(item);
    }
    CHECK(status == SHIPLINK_DONE, "walk ended with %s: %s", shiplink_status_name(status), shiplink_last_error());
    return n;
}

static void test_orders(void) {
    TEST("orders");
    char body[1024];
    snprintf(body, sizeof body, ORDER, 1, (long)getpid(), 2);
    char *order = NULL;
    shiplink_status s = shiplink_threepl_create_order(client, body, NULL, &order);
    CHECK(s == SHIPLINK_OK, "create: %s", shiplink_last_error());
    char *id = string_field(order, "id");
    char *version = string_field(order, "version");
    char *again = NULL;
    CHECK(shiplink_threepl_create_order(client, body, NULL, &again) == SHIPLINK_OK, "repeat create");
    char *again_id = string_field(again, "id");
    CHECK(strcmp(id, again_id) == 0, "the same reference is the same order: %s vs %s", id, again_id);
    char *amended = NULL;
    s = shiplink_threepl_amend_order(client, id, "{\"packing_note\":\"porch\"}", NULL, &amended);
    CHECK(s == SHIPLINK_OK, "amend: %s", shiplink_last_error());
    char *stale = (char *)1;
    s = shiplink_threepl_amend_order(client, id, "{\"packing_note\":\"x\"}", "0", &stale);
    CHECK(s == SHIPLINK_CONFLICT && stale == NULL, "stale If-Match: %s", shiplink_status_name(s));
    CHECK(strstr(shiplink_last_error(), "version_conflict") != NULL, "%s", shiplink_last_error());
    char *cancelled = NULL, *twice = NULL;
    CHECK(shiplink_threepl_cancel_order(client, id, &cancelled) == SHIPLINK_OK, "cancel: %s", shiplink_last_error());
    CHECK(shiplink_threepl_cancel_order(client, id, &twice) == SHIPLINK_OK, "cancel twice: %s", shiplink_last_error());
    free(id);
    free(version);
    free(again_id);
    shiplink_string_free(order);
    shiplink_string_free(again);
    shiplink_string_free(amended);
    shiplink_string_free(cancelled);
    shiplink_string_free(twice);
}

static void test_sync_and_checkpoint(void) {
    TEST("sync");
    free(sandbox_admin("POST", "/sandbox/threepl/settings", "{\"page_size\":5}"));
    free(sandbox_admin("POST", "/sandbox/threepl/shipments", "{\"count\":12,\"parcels\":2}"));
    shiplink_list_iter *iter = NULL;
    CHECK(shiplink_threepl_iter_new(client, "shipments", NULL, &iter) == SHIPLINK_OK, "%s", shiplink_last_error());
    int first = drain(iter);
    CHECK(first >= 12, "every shipment: %d", first);
    char *checkpoint = NULL;
    CHECK(shiplink_list_iter_checkpoint(iter, &checkpoint) == SHIPLINK_OK, "%s", shiplink_last_error());
    shiplink_list_iter_free(iter);

    free(sandbox_admin("POST", "/sandbox/threepl/shipments", "{\"count\":3}"));
    cJSON *query = cJSON_CreateObject();
    cJSON_AddStringToObject(query, "checkpoint", checkpoint);
    char *query_json = cJSON_PrintUnformatted(query);
    iter = NULL;
    CHECK(shiplink_threepl_iter_new(client, "shipments", query_json, &iter) == SHIPLINK_OK, "%s", shiplink_last_error());
    char *batch = NULL;
    int resumed = 0;
    while (shiplink_list_iter_next_batch(iter, &batch) == SHIPLINK_OK) {
        cJSON *items = cJSON_Parse(batch);
        resumed += cJSON_GetArraySize(items);
        cJSON_Delete(items);
        shiplink_string_free(batch);
    }
    CHECK(resumed == 3, "only the new shipments after the checkpoint: %d", resumed);
    shiplink_list_iter_free(iter);

    char *page = NULL;
    CHECK(shiplink_threepl_list(client, "warehouses", NULL, &page) == SHIPLINK_OK, "%s", shiplink_last_error());
    CHECK(page && strstr(page, "wh_syd_1") != NULL, "%s", page ? page : "(null)");
    shiplink_string_free(page);
    free(sandbox_admin("POST", "/sandbox/threepl/settings", "{\"page_size\":100}"));
    cJSON_free(query_json);
    cJSON_Delete(query);
    shiplink_string_free(checkpoint);
}

static void refused(shiplink_status status, char *out, const char *field) {
    CHECK(status == SHIPLINK_INVALID_ARGUMENT, "%s: %s", field, shiplink_status_name(status));
    CHECK(out == NULL, "%s: out is NULL", field);
    const char *error = shiplink_last_error();
    CHECK(error != NULL && strstr(error, field) != NULL, "%s not named in %s", field, error ? error : "(null)");
}

static void test_bad_input(void) {
    TEST("bad input");
    double before = requests_served();
    char body[1024];
    char *out = NULL;
    snprintf(body, sizeof body, ORDER, 9, 9L, 1);
    refused(shiplink_threepl_create_order(NULL, body, NULL, &out), out, "client");
    refused(shiplink_threepl_create_order(client, NULL, NULL, &out), out, "order_json");
    refused(shiplink_threepl_create_order(client, "{\"reference\":\"\xff\"}", NULL, &out), out, "order_json");
    refused(shiplink_threepl_create_order(client, "{not json", NULL, &out), out, "order_json");
    refused(shiplink_threepl_create_order(client, "{\"order_number\":\"S\",\"warehouse_id\":\"w\"}", NULL, &out), out,
            "order.reference");
    refused(shiplink_threepl_create_order(client,
                                          "{\"order_number\":\"S\",\"reference\":\"R\",\"warehouse_id\":\"w\"}",
                                          NULL, &out),
            out, "order.ship_to");
    refused(shiplink_threepl_create_order(
                client,
                "{\"order_number\":\"S\",\"reference\":\"R\",\"warehouse_id\":\"w\","
                "\"ship_to\":{\"name\":\"J\",\"address1\":\"a\",\"country\":\"AU\"}}",
                NULL, &out),
            out, "order.items");
    snprintf(body, sizeof body, ORDER, 9, 9L, 0);
    refused(shiplink_threepl_create_order(client, body, NULL, &out), out, "order.items[0].quantity");
    snprintf(body, sizeof body, ORDER, 9, 9L, -2);
    refused(shiplink_threepl_create_order(client, body, NULL, &out), out, "order.items[0].quantity");
    refused(shiplink_threepl_create_order(client, body, "bad key", &out), out, "order.items[0].quantity");
    refused(shiplink_threepl_list(client, "parcels", NULL, &out), out, "resource");
    refused(shiplink_threepl_list(client, "shipments", "{\"colour\":\"red\"}", &out), out, "query.colour");
    refused(shiplink_threepl_get_order(client, "ord_1/../x", &out), out, "order_id");
    refused(shiplink_threepl_cancel_order(client, "ord_1?x=1", &out), out, "order_id");
    refused(shiplink_threepl_delete_webhook(client, "whk/1", &out), out, "webhook_id");
    refused(shiplink_threepl_amend_order(client, "ord_1", "{\"packing_note\":\"x\"}", "\xff", &out), out, "if_match");
    refused(shiplink_threepl_get_order(client, "ord_1", NULL), out, "out_json");
    shiplink_list_iter *iter = NULL;
    CHECK(shiplink_threepl_iter_new(client, "shipments", "{\"checkpoint\":\"garbage\"}", &iter) ==
              SHIPLINK_INVALID_ARGUMENT && iter == NULL,
          "a garbage checkpoint");
    CHECK(requests_served() == before, "the sandbox received nothing: %f vs %f", requests_served(), before);
    shiplink_threepl_client *bad = NULL;
    CHECK(shiplink_threepl_client_new("{\"base_url\":\"http://127.0.0.1:1/v1\",\"token\":\"t\",\"store_code\":\"all\"}",
                                      &bad) == SHIPLINK_INVALID_ARGUMENT && bad == NULL,
          "store_code is not a 3PL key");
    CHECK(strstr(shiplink_last_error(), "store_code") != NULL, "%s", shiplink_last_error());
    shiplink_threepl_client_free(NULL);
}

int main(void) {
    const char *url = env_or_die("SHIPLINK_SANDBOX_URL");
    const char *token = env_or_die("SHIPLINK_SANDBOX_TOKEN");
    char config[1024];
    snprintf(config, sizeof config,
             "{\"base_url\":\"%s/v1\",\"token\":\"%s\",\"retry_base_ms\":5,\"retry_max_ms\":20}", url, token);
    CHECK(shiplink_threepl_client_new(config, &client) == SHIPLINK_OK, "client: %s", shiplink_last_error());
    test_orders();
    test_sync_and_checkpoint();
    test_bad_input();
    shiplink_threepl_client_free(client);
    return harness_summary();
}
