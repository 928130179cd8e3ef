/* The Shipper Open API through the C ABI: every shiplink_shipper_* function, the list iterator
 * over orders, cancels that repeat safely, and bad input refused by name before anything is
 * sent. Written only from include/shiplink.h; needs the sandbox scripts/test-c starts. */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <unistd.h>

#include "harness.h"
#include "shiplink.h"

static shiplink_shipper_client *make_client(void) {
    char config[1024];
    snprintf(config, sizeof config,
             "{\"base_url\":\"%s/api/v1\",\"token\":\"%s\",\"retry_base_ms\":5,\"retry_max_ms\":20}",
             env_or_die("SHIPLINK_SANDBOX_URL"), env_or_die("SHIPLINK_SANDBOX_TOKEN"));
    shiplink_shipper_client *client = NULL;
    shiplink_status status = shiplink_shipper_client_new(config, &client);
    CHECK(status == SHIPLINK_OK && client != NULL, "shipper_client_new: %s", shiplink_last_error());
    return client;
}

static int last_error_mentions(const char *needle) {
    const char *text = shiplink_last_error();
    return text != NULL && strstr(text, needle) != NULL;
}

/* How many requests the sandbox's Shipper API has received so far. */
static int requests_received(void) {
    char *body = sandbox_admin("GET", "/sandbox/shipper/requests", NULL);
    cJSON *root = cJSON_Parse(body);
    int n = cJSON_GetArraySize(cJSON_GetObjectItem(root, "requests"));
    cJSON_Delete(root);
    free(body);
    return n;
}

/* Parses *out, frees it, returns the tree (caller deletes). */
static cJSON *take(char *out) {
    cJSON *root = cJSON_Parse(out);
    shiplink_string_free(out);
    return root;
}

static void test_client_new(void) {
    TEST("shipper client_new");
    shiplink_shipper_client *client = (shiplink_shipper_client *)1;
    CHECK(shiplink_shipper_client_new(NULL, &client) == SHIPLINK_INVALID_ARGUMENT, "NULL config");
    CHECK(client == NULL && last_error_mentions("config_json"), "%s", shiplink_last_error());
    CHECK(shiplink_shipper_client_new("{\"token\":\"t\",\"store_code\":\"all\"}", &client) ==
              SHIPLINK_INVALID_ARGUMENT && last_error_mentions("store_code"),
          "a ShipperOne key is refused by name: %s", shiplink_last_error());
    CHECK(shiplink_shipper_client_new("{\"token\":\"t\"}", NULL) == SHIPLINK_INVALID_ARGUMENT &&
              last_error_mentions("out_client"), "%s", shiplink_last_error());
    shiplink_shipper_client_free(NULL);
}

static const char *product_uuid(shiplink_shipper_client *client, char *buffer, size_t size) {
    char *out = NULL;
    shiplink_status status = shiplink_shipper_list(client, "products", "{\"per_page\":2,\"search\":\"SKU-00\"}", &out);
    CHECK(status == SHIPLINK_OK, "list products: %s", shiplink_last_error());
    cJSON *page = take(out);
    cJSON *first = cJSON_GetArrayItem(cJSON_GetObjectItem(page, "data"), 0);
    snprintf(buffer, size, "%s", cJSON_GetObjectItem(first, "uuid")->valuestring);
    CHECK(cJSON_GetObjectItem(cJSON_GetObjectItem(page, "pagination"), "last_page")->valueint >= 1, "pagination");
    cJSON_Delete(page);
    return buffer;
}

static void test_bad_input(shiplink_shipper_client *client, const char *uuid) {
    TEST("shipper bad input");
    char order_no_phone[512], order_no_items[512];
    snprintf(order_no_phone, sizeof order_no_phone,
             "{\"address\":{\"name\":\"A B\",\"address1\":\"x\",\"country\":\"TN\"},\"items\":[{\"id\":\"%s\"}]}", uuid);
    snprintf(order_no_items, sizeof order_no_items,
             "{\"address\":{\"name\":\"A B\",\"phone1\":\"1\",\"address1\":\"x\",\"country\":\"TN\"},\"items\":[]}");
    int before = requests_received();
    char *out = (char *)1;
#define REFUSED(call, field)                                                                  \
    do {                                                                                      \
        out = (char *)1;                                                                      \
        shiplink_status s_ = (call);                                                          \
        CHECK(s_ == SHIPLINK_INVALID_ARGUMENT && out == NULL && last_error_mentions(field),   \
              "%s: status %d, %s", field, (int)s_, shiplink_last_error());                    \
    } while (0)
    REFUSED(shiplink_shipper_create_order(client, order_no_phone, &out), "order.address.phone1");
    REFUSED(shiplink_shipper_create_order(client, order_no_items, &out), "order.items");
    REFUSED(shiplink_shipper_create_order(client, "{not json", &out), "order_json");
    REFUSED(shiplink_shipper_create_order(client, NULL, &out), "order_json");
    REFUSED(shiplink_shipper_create_order(NULL, "{}", &out), "client");
    REFUSED(shiplink_shipper_list(client, "orders", "{\"start_date\":\"2026-03-29+09:00\"}", &out), "query.start_date");
    REFUSED(shiplink_shipper_list(client, "orders", "{\"per_page\":101}", &out), "query.per_page");
    REFUSED(shiplink_shipper_list(client, "invoices", NULL, &out), "resource");
    REFUSED(shiplink_shipper_dashboard(client, "product-performance", "{\"sort_by\":\"revenue\"}", &out), "query.sort_by");
    REFUSED(shiplink_shipper_dashboard(client, "sales", NULL, &out), "report");
    REFUSED(shiplink_shipper_create_webhook(client,
                "{\"url\":\"http://shop.example/h\",\"events\":[\"order.status_changed\"]}", &out),
            "subscription.url");
    REFUSED(shiplink_shipper_create_webhook(client,
                "{\"url\":\"https://shop.example/h\",\"events\":[\"order.status_changed\"],\"secret\":\"short\"}", &out),
            "subscription.secret");
    REFUSED(shiplink_shipper_get_order(client, "12a", &out), "order_id");
    REFUSED(shiplink_shipper_cancel_order(client, "", &out), "order_id");
    REFUSED(shiplink_shipper_delete_webhook(client, "1/2", &out), "webhook_id");
    REFUSED(shiplink_shipper_get_product(client, "a b", &out), "uuid");
    CHECK(shiplink_shipper_list(client, "orders", NULL, NULL) == SHIPLINK_INVALID_ARGUMENT &&
              last_error_mentions("out_json"), "%s", shiplink_last_error());
    shiplink_list_iter *iter = (shiplink_list_iter *)1;
    CHECK(shiplink_shipper_iter_new(client, "orders", "{\"page\":2}", &iter) == SHIPLINK_INVALID_ARGUMENT &&
              iter == NULL && last_error_mentions("query.page"), "%s", shiplink_last_error());
    CHECK(requests_received() == before, "bad input reached the server");
#undef REFUSED
}

static void test_orders(shiplink_shipper_client *client, const char *uuid) {
    TEST("shipper orders");
    char order[1024], external[64];
    snprintf(external, sizeof external, "C-%ld", (long)getpid());
    snprintf(order, sizeof order,
             "{\"address\":{\"name\":\"Omar Ben Ali\",\"phone1\":\"28177188\",\"address1\":\"Rue 1\","
             "\"country\":\"TN\"},\"items\":[{\"id\":\"%s\",\"quantity\":2}],\"external_order_id\":\"%s\"}",
             uuid, external);
    char *out = NULL;
    CHECK(shiplink_shipper_create_order(client, order, &out) == SHIPLINK_OK, "create: %s", shiplink_last_error());
    cJSON *created = take(out);
    char id[32];
    snprintf(id, sizeof id, "%.0f", cJSON_GetObjectItem(created, "id")->valuedouble);
    cJSON_Delete(created);

    CHECK(shiplink_shipper_get_order(client, id, &out) == SHIPLINK_OK, "get: %s", shiplink_last_error());
    cJSON *got = take(out);
    CHECK(strcmp(cJSON_GetObjectItem(got, "status")->valuestring, "Pending") == 0, "status");
    cJSON_Delete(got);

    CHECK(shiplink_shipper_cancel_order(client, id, &out) == SHIPLINK_OK, "cancel: %s", shiplink_last_error());
    cJSON *canceled = take(out);
    CHECK(cJSON_GetObjectItem(canceled, "canceled_shipments")->valueint == 1, "one shipment canceled");
    cJSON_Delete(canceled);
    CHECK(shiplink_shipper_cancel_order(client, id, &out) == SHIPLINK_OK, "again: %s", shiplink_last_error());
    cJSON *again = take(out);
    CHECK(cJSON_IsTrue(cJSON_GetObjectItem(again, "already_canceled")), "a repeat is success");
    cJSON_Delete(again);

    /* A shipped order: BAD_REQUEST, with the server's own body in the last error. */
    snprintf(external, sizeof external, "C-%ld-shipped", (long)getpid());
    snprintf(order, sizeof order,
             "{\"address\":{\"name\":\"Omar Ben Ali\",\"phone1\":\"28177188\",\"address1\":\"Rue 1\","
             "\"country\":\"TN\"},\"items\":[{\"id\":\"%s\"}],\"external_order_id\":\"%s\"}", uuid, external);
    CHECK(shiplink_shipper_create_order(client, order, &out) == SHIPLINK_OK, "create: %s", shiplink_last_error());
    created = take(out);
    snprintf(id, sizeof id, "%.0f", cJSON_GetObjectItem(created, "id")->valuedouble);
    cJSON_Delete(created);
    char path[128];
    snprintf(path, sizeof path, "/sandbox/shipper/orders/%s/status", id);
    free(sandbox_admin("POST", path, "{\"status\":\"intransit\"}"));
    out = (char *)1;
    CHECK(shiplink_shipper_cancel_order(client, id, &out) == SHIPLINK_BAD_REQUEST && out == NULL, "shipped");
    CHECK(last_error_mentions("No shipments available to cancel"), "%s", shiplink_last_error());

    /* Every order, once, through the list iterator. */
    shiplink_list_iter *iter = NULL;
    CHECK(shiplink_shipper_iter_new(client, "orders", "{\"per_page\":1}", &iter) == SHIPLINK_OK,
          "iter_new: %s", shiplink_last_error());
    int seen = 0;
    shiplink_status status;
    while ((status = shiplink_list_iter_next(iter, &out)) == SHIPLINK_OK) {
        cJSON *item = take(out);
        CHECK(cJSON_IsNumber(cJSON_GetObjectItem(item, "id")), "an order");
        cJSON_Delete(item);
        seen++;
    }
    CHECK(status == SHIPLINK_DONE && seen >= 2, "walk ended with %d after %d orders", (int)status, seen);
    shiplink_list_iter_free(iter);
}

static void test_reference_and_dashboard(shiplink_shipper_client *client, const char *uuid) {
    TEST("shipper reference data and dashboard");
    char *out = NULL;
    CHECK(shiplink_shipper_list(client, "divisions", "{\"country\":\"TN\",\"level\":2,\"parent_id\":1}", &out) ==
              SHIPLINK_OK, "divisions: %s", shiplink_last_error());
    cJSON *divisions = take(out);
    CHECK(cJSON_GetArraySize(cJSON_GetObjectItem(divisions, "divisions")) == 3, "three delegations");
    cJSON_Delete(divisions);
    CHECK(shiplink_shipper_get_product(client, uuid, &out) == SHIPLINK_OK, "product: %s", shiplink_last_error());
    shiplink_string_free(out);
    CHECK(shiplink_shipper_dashboard(client, "delivery-stats", "{\"start_date\":\"2020-01-01 00:00\"}", &out) ==
              SHIPLINK_OK, "dashboard: %s", shiplink_last_error());
    cJSON *stats = take(out);
    CHECK(cJSON_IsArray(cJSON_GetObjectItem(stats, "total_by_status")), "delivery stats");
    cJSON_Delete(stats);
}

static void test_webhooks(shiplink_shipper_client *client) {
    TEST("shipper webhooks");
    char *out = NULL;
    CHECK(shiplink_shipper_create_webhook(client,
              "{\"url\":\"https://shop.example/hooks\",\"events\":[\"order.status_changed\"],"
              "\"secret\":\"0123456789abcdef\"}", &out) == SHIPLINK_OK, "create: %s", shiplink_last_error());
    cJSON *hook = take(out);
    char id[32];
    snprintf(id, sizeof id, "%.0f", cJSON_GetObjectItem(hook, "id")->valuedouble);
    cJSON_Delete(hook);
    CHECK(shiplink_shipper_list(client, "webhooks", NULL, &out) == SHIPLINK_OK, "list: %s", shiplink_last_error());
    cJSON *hooks = take(out);
    CHECK(cJSON_GetArraySize(hooks) >= 1, "listed");
    cJSON_Delete(hooks);
    CHECK(shiplink_shipper_delete_webhook(client, id, &out) == SHIPLINK_OK, "delete: %s", shiplink_last_error());
    shiplink_string_free(out);
}

int main(void) {
    test_client_new();
    shiplink_shipper_client *client = make_client();
    char uuid[128];
    product_uuid(client, uuid, sizeof uuid);
    test_bad_input(client, uuid);
    test_orders(client, uuid);
    test_reference_and_dashboard(client, uuid);
    test_webhooks(client);
    shiplink_shipper_client_free(client);
    return harness_summary();
}
