/* The C ABI from a C host's point of view: every function, every error path, the iterator to
 * exhaustion, a client shared by 8 threads, and webhook signatures. Written only from
 * include/shiplink.h. Needs a running shiplink-sandbox (scripts/test-c starts one). */
#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdint.h>

#include "harness.h"
#include "shiplink.h"

static const char *url;
static const char *token;

/* --- small helpers ------------------------------------------------------------------------ */

static shiplink_client *make_client(const char *with_token) {
    char config[1024];
    snprintf(config, sizeof config,
             "{\"base_url\":\"%s\",\"token\":\"%s\",\"retry_base_ms\":5,\"retry_max_ms\":20}", url,
             with_token);
    shiplink_client *client = NULL;
    shiplink_status status = shiplink_client_new(config, &client);
    CHECK(status == SHIPLINK_OK && client != NULL, "client_new: %s", shiplink_last_error());
    return client;
}

/* The last error as a cJSON tree the caller deletes (NULL if the last call succeeded). */
static cJSON *last_error_json(void) {
    const char *text = shiplink_last_error();
    return text ? cJSON_Parse(text) : NULL;
}

static int last_error_mentions(const char *needle) {
    const char *text = shiplink_last_error();
    return text != NULL && strstr(text, needle) != NULL;
}

static int last_http_status(void) {
    cJSON *error = last_error_json();
    cJSON *code = cJSON_GetObjectItem(error, "http_status");
    int value = cJSON_IsNumber(code) ? code->valueint : -1;
    cJSON_Delete(error);
    return value;
}

static void seed(int count, int allow_partial) {
    char body[128];
    snprintf(body, sizeof body, "{\"count\":%d,\"allow_partial\":%s}", count,
             allow_partial ? "true" : "false");
    free(sandbox_admin("POST", "/sandbox/orders", body));
}

/* Builds {"<wrapper>":{"order_id":…,"items":[{"item_id":…[,"qty":…]}…]…}} from an order. */
static char *request_for(const cJSON *order, const char *wrapper, int with_qty, int zero_qty) {
    cJSON *root = cJSON_CreateObject();
    cJSON *inner = cJSON_AddObjectToObject(root, wrapper);
    cJSON_AddStringToObject(inner, "order_id",
                            cJSON_GetObjectItem(order, "order_id")->valuestring);
    cJSON *items = cJSON_AddArrayToObject(inner, "items");
    const cJSON *item;
    cJSON_ArrayForEach(item, cJSON_GetObjectItem(order, "items")) {
        cJSON *entry = cJSON_CreateObject();
        cJSON_AddNumberToObject(entry, "item_id", cJSON_GetObjectItem(item, "item_id")->valuedouble);
        if (with_qty) {
            double qty = zero_qty ? 0 : cJSON_GetObjectItem(item, "qty")->valuedouble;
            cJSON_AddNumberToObject(entry, "qty", qty);
        }
        cJSON_AddItemToArray(items, entry);
    }
    if (strcmp(wrapper, "shipment") == 0) {
        cJSON *tracks = cJSON_AddArrayToObject(inner, "tracks");
        for (int n = 0; n < 2; n++) {
            char number[64];
            snprintf(number, sizeof number, "TRK-%s-%d",
                     cJSON_GetObjectItem(order, "order_id")->valuestring, n);
            cJSON *track = cJSON_CreateObject();
            cJSON_AddStringToObject(track, "carrier_code", "dhl");
            cJSON_AddStringToObject(track, "title", "DHL Express");
            cJSON_AddStringToObject(track, "track_number", number);
            cJSON_AddItemToArray(tracks, track);
        }
    }
    char *text = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    return text;
}

static char *invoice_request_for(const cJSON *order) {
    char *base = request_for(order, "order", 0, 0);
    cJSON *root = cJSON_Parse(base);
    free(base);
    double shipping = cJSON_GetObjectItem(order, "shipping_amount_incl_tax")->valuedouble;
    cJSON_AddNumberToObject(cJSON_GetObjectItem(root, "order"), "shipping_amount_incl_tax", shipping);
    char *text = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    return text;
}

typedef shiplink_status (*action_fn)(shiplink_client *, const char *, char **);

/* Walks `queue` and applies `act` with a request built by `build` to each order. */
static int drain(shiplink_client *client, const char *queue, action_fn act,
                 char *(*build)(const cJSON *)) {
    shiplink_queue_iter *iter = NULL;
    CHECK(shiplink_queue_iter_new(client, queue, NULL, &iter) == SHIPLINK_OK, "iter_new %s", queue);
    int count = 0;
    char *order_json = NULL;
    shiplink_status status;
    while ((status = shiplink_queue_iter_next(iter, &order_json)) == SHIPLINK_OK) {
        cJSON *order = cJSON_Parse(order_json);
        char *request = build(order);
        char *response = NULL;
        shiplink_status acted = act(client, request, &response);
        CHECK(acted == SHIPLINK_OK, "%s on %s: %s", queue, request, shiplink_last_error());
        shiplink_string_free(response);
        free(request);
        cJSON_Delete(order);
        shiplink_string_free(order_json);
        count++;
    }
    CHECK(status == SHIPLINK_DONE, "iteration over %s ended with %d", queue, status);
    CHECK(order_json == NULL, "DONE leaves the out pointer NULL");
    /* Past the end it stays done. */
    CHECK(shiplink_queue_iter_next(iter, &order_json) == SHIPLINK_DONE, "done stays done");
    shiplink_queue_iter_free(iter);
    return count;
}

static char *accept_all(const cJSON *o) { return request_for(o, "order", 1, 0); }
static char *allocate_all(const cJSON *o) { return request_for(o, "order", 0, 0); }
static char *ship_all(const cJSON *o) { return request_for(o, "shipment", 1, 0); }

static int queue_length(shiplink_client *client, const char *queue) {
    char *json = NULL;
    shiplink_status status = shiplink_poll_queue(client, queue, 1, NULL, &json);
    CHECK(status == SHIPLINK_OK, "poll %s: %s", queue, shiplink_last_error());
    cJSON *page = cJSON_Parse(json);
    int n = cJSON_GetArraySize(page);
    cJSON_Delete(page);
    shiplink_string_free(json);
    return n;
}

/* --- tests -------------------------------------------------------------------------------- */

static void test_version_and_names(void) {
    TEST("version and status names");
    char expected[32];
    snprintf(expected, sizeof expected, "%d.%d.%d", SHIPLINK_VERSION_MAJOR, SHIPLINK_VERSION_MINOR,
             SHIPLINK_VERSION_PATCH);
    CHECK(strcmp(shiplink_version(), expected) == 0, "%s vs %s", shiplink_version(), expected);
    CHECK(strcmp(shiplink_status_name(SHIPLINK_OK), "OK") == 0, "OK");
    CHECK(strcmp(shiplink_status_name(SHIPLINK_OUTCOME_UNKNOWN), "OUTCOME_UNKNOWN") == 0, "name");
    CHECK(strcmp(shiplink_status_name(SHIPLINK_INTERNAL), "INTERNAL") == 0, "INTERNAL");
    CHECK(strcmp(shiplink_status_name(999), "UNKNOWN") == 0, "unknown number");
    CHECK(strcmp(shiplink_status_name(-1), "UNKNOWN") == 0, "negative number");
}

static void test_client_new_errors(void) {
    TEST("client_new refuses bad input");
    shiplink_client *client = (shiplink_client *)0x1;
    CHECK(shiplink_client_new(NULL, &client) == SHIPLINK_INVALID_ARGUMENT, "NULL config");
    CHECK(client == NULL, "out set to NULL on failure");
    CHECK(last_error_mentions("config_json"), "%s", shiplink_last_error());
    CHECK(shiplink_client_new("{}", NULL) == SHIPLINK_INVALID_ARGUMENT, "NULL out");
    CHECK(last_error_mentions("out_client"), "%s", shiplink_last_error());
    CHECK(shiplink_client_new("{not json", &client) == SHIPLINK_INVALID_ARGUMENT, "garbage");
    CHECK(last_error_mentions("config_json"), "%s", shiplink_last_error());
    const char bad_utf8[] = {'{', '"', (char)0xC3, (char)0x28, '"', ':', '1', '}', 0};
    CHECK(shiplink_client_new(bad_utf8, &client) == SHIPLINK_INVALID_ARGUMENT, "bad UTF-8");
    CHECK(last_error_mentions("UTF-8"), "%s", shiplink_last_error());
    CHECK(shiplink_client_new("{\"base_url\":\"https://x.example\",\"token\":\"t\",\"timeout\":5}",
                              &client) == SHIPLINK_INVALID_ARGUMENT,
          "unknown key");
    CHECK(last_error_mentions("timeout"), "%s", shiplink_last_error());
    CHECK(shiplink_client_new("{\"base_url\":\"http://erp.example.com\",\"token\":\"t\"}", &client) ==
              SHIPLINK_INVALID_ARGUMENT,
          "plain http to a remote host");
    CHECK(last_error_mentions("base_url"), "%s", shiplink_last_error());
    CHECK(shiplink_client_new("{\"base_url\":\"http://erp.example.com\",\"token\":\"t\","
                              "\"allow_insecure_http\":true}",
                              &client) == SHIPLINK_OK,
          "allowed when asked for");
    CHECK(shiplink_last_error() == NULL, "success clears the last error");
    shiplink_client_free(client);
    shiplink_client_free(NULL);
    shiplink_string_free(NULL);
    shiplink_queue_iter_free(NULL);
}

static void test_poll_errors(shiplink_client *client) {
    TEST("poll_queue refuses bad input");
    char *json = (char *)0x1;
    CHECK(shiplink_poll_queue(NULL, "pending_accept", 1, NULL, &json) == SHIPLINK_INVALID_ARGUMENT, "NULL client");
    CHECK(json == NULL && last_error_mentions("client"), "%s", shiplink_last_error());
    CHECK(shiplink_poll_queue(client, NULL, 1, NULL, &json) == SHIPLINK_INVALID_ARGUMENT, "NULL queue");
    CHECK(last_error_mentions("queue"), "%s", shiplink_last_error());
    CHECK(shiplink_poll_queue(client, "pending", 1, NULL, &json) == SHIPLINK_INVALID_ARGUMENT, "unknown queue");
    CHECK(last_error_mentions("unknown queue"), "%s", shiplink_last_error());
    CHECK(shiplink_poll_queue(client, "pending_accept", 0, NULL, &json) == SHIPLINK_INVALID_ARGUMENT, "page 0");
    CHECK(last_error_mentions("page"), "%s", shiplink_last_error());
    CHECK(shiplink_poll_queue(client, "pending_accept", 1, "yesterday", &json) == SHIPLINK_INVALID_ARGUMENT, "since");
    CHECK(last_error_mentions("since"), "%s", shiplink_last_error());
    const char bad_queue[] = {'p', (char)0xFF, 0};
    CHECK(shiplink_poll_queue(client, bad_queue, 1, NULL, &json) == SHIPLINK_INVALID_ARGUMENT, "bad UTF-8");
    CHECK(shiplink_poll_queue(client, "pending_accept", 1, NULL, NULL) == SHIPLINK_INVALID_ARGUMENT, "NULL out");
    CHECK(last_error_mentions("out_json"), "%s", shiplink_last_error());
    cJSON *error = last_error_json();
    CHECK(error != NULL, "last error is JSON");
    CHECK(strcmp(cJSON_GetObjectItem(error, "status")->valuestring, "INVALID_ARGUMENT") == 0, "status");
    CHECK(cJSON_GetObjectItem(error, "attempts")->valueint == 0, "nothing was sent");
    CHECK(cJSON_IsNull(cJSON_GetObjectItem(error, "http_status")), "no HTTP status");
    cJSON_Delete(error);

    TEST("poll_queue pages");
    free(sandbox_admin("POST", "/sandbox/reset", "{}"));
    seed(150, 0);
    CHECK(queue_length(client, "pending_accept") == 100, "100 per page");
    CHECK(shiplink_poll_queue(client, "pending_accept", 2, "2000-01-01 00:00:00", &json) == SHIPLINK_OK, "page 2");
    cJSON *page = cJSON_Parse(json);
    CHECK(cJSON_GetArraySize(page) == 50, "page 2 holds the rest");
    cJSON_Delete(page);
    shiplink_string_free(json);
    CHECK(shiplink_poll_queue(client, "pending_accept", 3, NULL, &json) == SHIPLINK_OK, "page 3");
    CHECK(strcmp(json, "[]") == 0, "past the end: %s", json);
    shiplink_string_free(json);
    CHECK(shiplink_poll_queue(client, "failed", 1, NULL, &json) == SHIPLINK_OK, "failed queue");
    shiplink_string_free(json);
}

static void test_action_errors(shiplink_client *client) {
    TEST("actions refuse bad input before sending");
    char *out = (char *)0x1;
    action_fn actions[] = {shiplink_accept, shiplink_reject, shiplink_allocate, shiplink_ship, shiplink_invoice};
    for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++) {
        CHECK(actions[i](NULL, "{}", &out) == SHIPLINK_INVALID_ARGUMENT, "NULL client (%zu)", i);
        CHECK(out == NULL, "out NULL");
        CHECK(actions[i](client, NULL, &out) == SHIPLINK_INVALID_ARGUMENT, "NULL request (%zu)", i);
        CHECK(last_error_mentions("request_json"), "%s", shiplink_last_error());
        CHECK(actions[i](client, "{\"order\":", &out) == SHIPLINK_INVALID_ARGUMENT, "garbage (%zu)", i);
        CHECK(actions[i](client, "{}", NULL) == SHIPLINK_INVALID_ARGUMENT, "NULL out (%zu)", i);
        const char bad_utf8[] = {'{', '"', (char)0xFE, '"', ':', '1', '}', 0};
        CHECK(actions[i](client, bad_utf8, &out) == SHIPLINK_INVALID_ARGUMENT, "bad UTF-8 (%zu)", i);
    }
    struct { action_fn fn; const char *request; const char *field; } cases[] = {
        {shiplink_accept, "{\"order\":{\"items\":[{\"item_id\":1,\"qty\":1}]}}", "order.order_id"},
        {shiplink_accept, "{\"order\":{\"order_id\":\"FO-1\",\"items\":[]}}", "order.items"},
        {shiplink_accept, "{\"order\":{\"order_id\":\"FO-1\",\"items\":[{\"item_id\":1,\"qty\":-2}]}}", "order.items[0].qty"},
        {shiplink_accept, "{\"shipment\":{}}", "shipment"},
        {shiplink_reject, "{\"order\":{\"order_id\":\"FO-1\",\"items\":[{\"item_id\":1,\"qty\":3}]}}", "order.items[0].qty"},
        {shiplink_allocate, "{\"order\":{\"order_id\":\"FO-1\",\"items\":[{\"item_id\":\"x\"}]}}", "order.items[0].item_id"},
        {shiplink_ship, "{\"shipment\":{\"order_id\":\"FO-1\",\"items\":[{\"item_id\":1,\"qty\":1}],\"tracks\":[{\"carrier_code\":\"dhl\"}]}}", "shipment.tracks[0].track_number"},
        {shiplink_ship, "{\"shipment\":{\"order_id\":\"FO-1\",\"items\":[{\"item_id\":1,\"qty\":1}]}}", "shipment.tracks"},
        {shiplink_invoice, "{\"order\":{\"order_id\":\"FO-1\",\"items\":[{\"item_id\":1}],\"shipping_amount_incl_tax\":-1}}", "order.shipping_amount_incl_tax"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CHECK(cases[i].fn(client, cases[i].request, &out) == SHIPLINK_INVALID_ARGUMENT, "case %zu", i);
        CHECK(last_error_mentions(cases[i].field), "case %zu wants %s: %s", i, cases[i].field, shiplink_last_error());
    }
}

static void test_http_errors(shiplink_client *client) {
    TEST("HTTP failures carry the status and the server's body");
    char *out = NULL;
    CHECK(shiplink_accept(client, "{\"order\":{\"order_id\":\"FO-999999999\",\"items\":[{\"item_id\":1,\"qty\":1}]}}", &out) == SHIPLINK_NOT_FOUND, "unknown order");
    CHECK(last_http_status() == 404, "404");
    CHECK(last_error_mentions("order_not_found"), "server body kept: %s", shiplink_last_error());

    shiplink_client *stranger = make_client("nobody-knows-this-token");
    CHECK(shiplink_poll_queue(stranger, "pending_accept", 1, NULL, &out) == SHIPLINK_UNAUTHORIZED, "401");
    CHECK(last_http_status() == 401, "401");
    CHECK(!last_error_mentions("nobody-knows-this-token"), "token not echoed");
    shiplink_client_free(stranger);

    free(sandbox_admin("POST", "/sandbox/tokens",
                       "{\"token\":\"c-reader-token\",\"scopes\":[\"Shipper_FulfillmentOrder::api_pending_accept\"]}"));
    shiplink_client *reader = make_client("c-reader-token");
    CHECK(shiplink_poll_queue(reader, "pending_invoice", 1, NULL, &out) == SHIPLINK_FORBIDDEN, "403");
    CHECK(last_http_status() == 403, "403");
    shiplink_client_free(reader);

    /* A subset of a strict order's items: the server says 400 and explains. */
    free(sandbox_admin("POST", "/sandbox/reset", "{}"));
    free(sandbox_admin("POST", "/sandbox/orders",
                       "{\"orders\":[{\"items\":[{\"sku\":\"A\",\"qty_ordered\":1},{\"sku\":\"B\",\"qty_ordered\":1}]}]}"));
    char *page = NULL;
    shiplink_poll_queue(client, "pending_accept", 1, NULL, &page);
    cJSON *orders = cJSON_Parse(page);
    shiplink_string_free(page);
    cJSON *order = cJSON_GetArrayItem(orders, 0);
    char request[256];
    snprintf(request, sizeof request, "{\"order\":{\"order_id\":\"%s\",\"items\":[{\"item_id\":%d,\"qty\":1}]}}",
             cJSON_GetObjectItem(order, "order_id")->valuestring,
             cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(order, "items"), 0), "item_id")->valueint);
    CHECK(shiplink_accept(client, request, &out) == SHIPLINK_BAD_REQUEST, "partial on a strict order");
    CHECK(out == NULL, "no output on failure");
    cJSON *error = last_error_json();
    cJSON *body = cJSON_GetObjectItem(error, "body");
    CHECK(cJSON_IsObject(body) && cJSON_IsString(cJSON_GetObjectItem(body, "message")), "JSON body");
    CHECK(cJSON_GetObjectItem(error, "attempts")->valueint == 1, "a 400 is not retried");
    cJSON_Delete(error);

    TEST("reject is accept with qty 0");
    char *reject = request_for(order, "order", 0, 0);
    CHECK(shiplink_reject(client, reject, &out) == SHIPLINK_OK, "reject: %s", shiplink_last_error());
    cJSON *after = cJSON_Parse(out);
    CHECK(strcmp(cJSON_GetObjectItem(after, "status")->valuestring, "rejected") == 0, "%s", out);
    cJSON_Delete(after);
    shiplink_string_free(out);
    free(reject);
    cJSON_Delete(orders);
}

static void test_lifecycle(shiplink_client *client) {
    TEST("full lifecycle through the iterator");
    free(sandbox_admin("POST", "/sandbox/reset", "{}"));
    seed(130, 0);
    CHECK(drain(client, "pending_accept", shiplink_accept, accept_all) == 130, "accepted all");
    CHECK(drain(client, "pending_allocation", shiplink_allocate, allocate_all) == 130, "allocated all");
    CHECK(drain(client, "pending_shipment", shiplink_ship, ship_all) == 130, "shipped all");
    CHECK(drain(client, "pending_invoice", shiplink_invoice, invoice_request_for) == 130, "invoiced all");
    const char *queues[] = {"pending_accept", "pending_allocation", "pending_shipment", "pending_invoice", "failed"};
    for (int i = 0; i < 5; i++) {
        CHECK(queue_length(client, queues[i]) == 0, "%s is empty", queues[i]);
    }
    char *stats = sandbox_admin("GET", "/sandbox/stats", NULL);
    CHECK(strstr(stats, "\"invoices\":130") != NULL, "one invoice per order: %s", stats);
    CHECK(strstr(stats, "\"shipments\":130") != NULL, "one shipment per order: %s", stats);
    free(stats);

    TEST("iterator refuses bad input");
    shiplink_queue_iter *iter = (shiplink_queue_iter *)0x1;
    CHECK(shiplink_queue_iter_new(NULL, "failed", NULL, &iter) == SHIPLINK_INVALID_ARGUMENT, "NULL client");
    CHECK(iter == NULL, "out NULL");
    CHECK(shiplink_queue_iter_new(client, "nope", NULL, &iter) == SHIPLINK_INVALID_ARGUMENT, "bad queue");
    CHECK(shiplink_queue_iter_new(client, "failed", "2026-13-01 00:00:00", &iter) == SHIPLINK_INVALID_ARGUMENT, "bad since");
    CHECK(shiplink_queue_iter_new(client, "failed", NULL, NULL) == SHIPLINK_INVALID_ARGUMENT, "NULL out");
    char *json = NULL;
    CHECK(shiplink_queue_iter_next(NULL, &json) == SHIPLINK_INVALID_ARGUMENT, "NULL iter");
    CHECK(shiplink_queue_iter_new(client, "failed", NULL, &iter) == SHIPLINK_OK, "new");
    CHECK(shiplink_queue_iter_next(iter, NULL) == SHIPLINK_INVALID_ARGUMENT, "NULL out");
    shiplink_queue_iter_free(iter);
}

static void test_batches(shiplink_client *client) {
    TEST("iterator in batches while acting");
    free(sandbox_admin("POST", "/sandbox/reset", "{}"));
    seed(250, 0);
    shiplink_queue_iter *iter = NULL;
    CHECK(shiplink_queue_iter_new(client, "pending_accept", NULL, &iter) == SHIPLINK_OK, "new");
    char *batch_json = NULL;
    int orders = 0, batches = 0, largest = 0;
    shiplink_status status;
    while ((status = shiplink_queue_iter_next_batch(iter, &batch_json)) == SHIPLINK_OK) {
        cJSON *batch = cJSON_Parse(batch_json);
        shiplink_string_free(batch_json);
        int n = cJSON_GetArraySize(batch);
        largest = n > largest ? n : largest;
        batches++;
        const cJSON *order;
        int k = 0;
        cJSON_ArrayForEach(order, batch) {
            orders++;
            if (k++ % 2 == 0) { /* act on every other order: the queue shrinks under the walk */
                char *req = accept_all(order), *out = NULL;
                CHECK(shiplink_accept(client, req, &out) == SHIPLINK_OK, "accept: %s", shiplink_last_error());
                shiplink_string_free(out);
                free(req);
            }
        }
        cJSON_Delete(batch);
    }
    CHECK(status == SHIPLINK_DONE && batch_json == NULL, "ends with DONE and NULL");
    CHECK(orders == 250, "every order once: %d", orders);
    CHECK(largest <= 100 && batches >= 3, "a page at most per batch: %d batches, largest %d", batches, largest);
    CHECK(shiplink_queue_iter_next_batch(iter, NULL) == SHIPLINK_INVALID_ARGUMENT, "NULL out");
    CHECK(shiplink_queue_iter_next_batch(NULL, &batch_json) == SHIPLINK_INVALID_ARGUMENT, "NULL iter");
    shiplink_queue_iter_free(iter);
}

static void test_free_keeps_the_last_error(shiplink_client *client) {
    TEST("freeing leaves the last error alone");
    char *json = NULL;
    CHECK(shiplink_poll_queue(client, "nope", 1, NULL, &json) == SHIPLINK_INVALID_ARGUMENT, "fails");
    shiplink_string_free(NULL);
    shiplink_queue_iter_free(NULL);
    shiplink_client_free(NULL);
    (void)shiplink_version();
    (void)shiplink_status_name(SHIPLINK_OK);
    CHECK(last_error_mentions("unknown queue"), "still there: %s", shiplink_last_error());
}

struct worker {
    shiplink_client *client;
    cJSON *orders; /* the orders this thread drives, each a pending_accept view */
    int failures;
};

static void *drive(void *arg) {
    struct worker *w = arg;
    const cJSON *order;
    cJSON_ArrayForEach(order, w->orders) {
        char *out = NULL;
        char *req = accept_all(order);
        w->failures += shiplink_accept(w->client, req, &out) != SHIPLINK_OK;
        shiplink_string_free(out);
        free(req);
        char *page = NULL;
        w->failures += shiplink_poll_queue(w->client, "pending_shipment", 1, NULL, &page) != SHIPLINK_OK;
        shiplink_string_free(page);
        req = allocate_all(order);
        w->failures += shiplink_allocate(w->client, req, &out) != SHIPLINK_OK;
        shiplink_string_free(out);
        free(req);
        req = ship_all(order);
        w->failures += shiplink_ship(w->client, req, &out) != SHIPLINK_OK;
        shiplink_string_free(out);
        free(req);
    }
    return NULL;
}

static void test_threads(shiplink_client *client) {
    TEST("one client shared by 8 threads");
    free(sandbox_admin("POST", "/sandbox/reset", "{}"));
    seed(96, 0);
    struct worker workers[8];
    for (int t = 0; t < 8; t++) {
        workers[t] = (struct worker){client, cJSON_CreateArray(), 0};
    }
    shiplink_queue_iter *iter = NULL;
    shiplink_queue_iter_new(client, "pending_accept", NULL, &iter);
    char *json = NULL;
    int n = 0;
    while (shiplink_queue_iter_next(iter, &json) == SHIPLINK_OK) {
        cJSON_AddItemToArray(workers[n++ % 8].orders, cJSON_Parse(json));
        shiplink_string_free(json);
    }
    shiplink_queue_iter_free(iter);
    CHECK(n == 96, "read every order: %d", n);
    pthread_t threads[8];
    for (int t = 0; t < 8; t++) {
        pthread_create(&threads[t], NULL, drive, &workers[t]);
    }
    for (int t = 0; t < 8; t++) {
        pthread_join(threads[t], NULL);
        CHECK(workers[t].failures == 0, "thread %d had %d failures", t, workers[t].failures);
        cJSON_Delete(workers[t].orders);
    }
    CHECK(drain(client, "pending_invoice", shiplink_invoice, invoice_request_for) == 96, "all shipped once");
    char *stats = sandbox_admin("GET", "/sandbox/stats", NULL);
    CHECK(strstr(stats, "\"shipments\":96") != NULL, "no shipment recorded twice: %s", stats);
    free(stats);
}

static void test_webhooks(void) {
    TEST("webhook signatures");
    const uint8_t body[] = {'{', '"', 'a', '"', ':', 0, 0xFF, '}'}; /* NUL and non-UTF-8 bytes */
    char *header = NULL;
    CHECK(shiplink_sign_webhook("timestamped", "whsec_test", body, sizeof body, 1782043452, &header) == SHIPLINK_OK, "sign");
    CHECK(header != NULL && strncmp(header, "t=1782043452,v1=", 16) == 0, "%s", header);
    CHECK(shiplink_verify_signature("timestamped", "whsec_test", header, body, sizeof body, 1782043452 + 10, 0) == SHIPLINK_OK, "verify");
    CHECK(shiplink_verify_signature("timestamped", "whsec_other", header, body, sizeof body, 1782043452, 0) == SHIPLINK_SIGNATURE_MISMATCH, "wrong secret");
    CHECK(!last_error_mentions("whsec_other"), "secret not echoed: %s", shiplink_last_error());
    CHECK(shiplink_verify_signature("timestamped", "whsec_test", header, body, sizeof body - 1, 1782043452, 0) == SHIPLINK_SIGNATURE_MISMATCH, "truncated body");
    CHECK(shiplink_verify_signature("timestamped", "whsec_test", header, body, sizeof body, 1782043452 + 301, 0) == SHIPLINK_SIGNATURE_EXPIRED, "replay");
    CHECK(shiplink_verify_signature("timestamped", "whsec_test", header, body, sizeof body, 1782043452 + 301, 600) == SHIPLINK_OK, "wider window");
    CHECK(shiplink_verify_signature("timestamped", "whsec_test", "v1=00", body, sizeof body, 0, 0) == SHIPLINK_SIGNATURE_MALFORMED, "no t");
    CHECK(shiplink_verify_signature("timestamped", "whsec_test", "", body, sizeof body, 0, 0) == SHIPLINK_SIGNATURE_MALFORMED, "empty");
    CHECK(shiplink_verify_signature("sha1", "whsec_test", header, body, sizeof body, 0, 0) == SHIPLINK_INVALID_ARGUMENT, "scheme");
    CHECK(last_error_mentions("scheme"), "%s", shiplink_last_error());
    CHECK(shiplink_verify_signature(NULL, "s", header, body, sizeof body, 0, 0) == SHIPLINK_INVALID_ARGUMENT, "NULL scheme");
    CHECK(shiplink_verify_signature("hex", NULL, header, body, sizeof body, 0, 0) == SHIPLINK_INVALID_ARGUMENT, "NULL secret");
    CHECK(shiplink_verify_signature("hex", "s", NULL, body, sizeof body, 0, 0) == SHIPLINK_INVALID_ARGUMENT, "NULL header");
    CHECK(shiplink_verify_signature("hex", "s", "00", NULL, 5, 0, 0) == SHIPLINK_INVALID_ARGUMENT, "NULL body, length 5");
    CHECK(last_error_mentions("body"), "%s", shiplink_last_error());
    shiplink_string_free(header);

    char *hex = NULL;
    CHECK(shiplink_sign_webhook("hex", "my-webhook-secret-key", NULL, 0, 0, &hex) == SHIPLINK_OK, "sign empty body");
    CHECK(hex != NULL && strlen(hex) == 64, "64 hex digits");
    CHECK(shiplink_verify_signature("hex", "my-webhook-secret-key", hex, NULL, 0, 0, 0) == SHIPLINK_OK, "verify empty body");
    shiplink_string_free(hex);
    CHECK(shiplink_sign_webhook("hex", "s", body, sizeof body, 0, NULL) == SHIPLINK_INVALID_ARGUMENT, "NULL out");
    char *unset = (char *)0x1;
    CHECK(shiplink_sign_webhook(NULL, "s", body, sizeof body, 0, &unset) == SHIPLINK_INVALID_ARGUMENT, "NULL scheme");
    CHECK(unset == NULL && last_error_mentions("scheme"), "%s", shiplink_last_error());
    CHECK(shiplink_sign_webhook("hex", NULL, body, sizeof body, 0, &unset) == SHIPLINK_INVALID_ARGUMENT, "NULL secret");
    CHECK(last_error_mentions("secret"), "%s", shiplink_last_error());
    CHECK(shiplink_sign_webhook("hex", "s", NULL, 3, 0, &unset) == SHIPLINK_INVALID_ARGUMENT, "NULL body");
    CHECK(shiplink_sign_webhook("hex", "", body, sizeof body, 0, &unset) == SHIPLINK_INVALID_ARGUMENT, "empty secret");
    CHECK(shiplink_sign_webhook("sha1", "s", body, sizeof body, 0, &unset) == SHIPLINK_INVALID_ARGUMENT, "unknown scheme");
    CHECK(shiplink_sign_webhook("timestamped", "s", body, sizeof body, -5, &unset) == SHIPLINK_INVALID_ARGUMENT, "negative timestamp");
    CHECK(last_error_mentions("timestamp"), "%s", shiplink_last_error());
}

static void test_parse_webhook(void) {
    TEST("webhook deliveries: verify and parse in one call");
    const char event[] = "{\"event_id\":\"evt_1\",\"event_type\":\"shipment.created\",\"data\":{\"id\":\"shp_1\"}}";
    const uint8_t *body = (const uint8_t *)event;
    size_t len = strlen(event);
    char *header = NULL;
    CHECK(shiplink_sign_webhook("timestamped", "whsec_test", body, len, 1782043452, &header) == SHIPLINK_OK, "sign");
    char *parsed = (char *)0x1;
    CHECK(shiplink_parse_webhook("timestamped", "whsec_test", header, body, len, 1782043460, 0, &parsed) == SHIPLINK_OK, "parse");
    CHECK(parsed != NULL && strcmp(parsed, event) == 0, "the event as received: %s", parsed);
    shiplink_string_free(parsed);
    parsed = (char *)0x1;
    CHECK(shiplink_parse_webhook("timestamped", "whsec_other", header, body, len, 1782043460, 0, &parsed) == SHIPLINK_SIGNATURE_MISMATCH, "forged");
    CHECK(parsed == NULL, "out is NULL on failure");
    CHECK(shiplink_parse_webhook("timestamped", "whsec_test", header, body, len, 1782043452 + 301, 0, &parsed) == SHIPLINK_SIGNATURE_EXPIRED, "replayed");
    shiplink_string_free(header);

    const char no_id[] = "{\"event_type\":\"shipment.created\"}";
    CHECK(shiplink_sign_webhook("timestamped", "whsec_test", (const uint8_t *)no_id, strlen(no_id), 1782043452, &header) == SHIPLINK_OK, "sign");
    CHECK(shiplink_parse_webhook("timestamped", "whsec_test", header, (const uint8_t *)no_id, strlen(no_id), 1782043452, 0, &parsed) == SHIPLINK_DECODE, "no event_id");
    CHECK(last_error_mentions("event_id"), "%s", shiplink_last_error());
    shiplink_string_free(header);

    const char shipper[] = "{\"event\":\"order.status_changed\",\"data\":{\"order_id\":555}}";
    char *hex = NULL;
    CHECK(shiplink_sign_webhook("hex", "my-webhook-secret-key", (const uint8_t *)shipper, strlen(shipper), 0, &hex) == SHIPLINK_OK, "sign hex");
    CHECK(shiplink_parse_webhook("hex", "my-webhook-secret-key", hex, (const uint8_t *)shipper, strlen(shipper), 0, 0, &parsed) == SHIPLINK_OK, "parse hex");
    CHECK(parsed != NULL && strcmp(parsed, shipper) == 0, "%s", parsed);
    shiplink_string_free(parsed);
    CHECK(shiplink_parse_webhook("hex", "my-webhook-secret-key", hex, (const uint8_t *)shipper, strlen(shipper), 0, 0, NULL) == SHIPLINK_INVALID_ARGUMENT, "NULL out");
    CHECK(last_error_mentions("out_event_json"), "%s", shiplink_last_error());
    CHECK(shiplink_parse_webhook("hex", "my-webhook-secret-key", NULL, (const uint8_t *)shipper, strlen(shipper), 0, 0, &parsed) == SHIPLINK_INVALID_ARGUMENT, "NULL header");
    shiplink_string_free(hex);
}

static int log_lines = 0;
static int log_leaked = 0;

static void on_log(int32_t level, const char *message, void *user_data) {
    (void)level;
    log_lines++;
    if (strstr(message, (const char *)user_data) != NULL) {
        log_leaked++;
    }
}

static void test_log_callback(shiplink_client *client) {
    TEST("log callback");
    shiplink_set_log_callback(4, on_log, (void *)token);
    char *json = NULL;
    shiplink_poll_queue(client, "pending_accept", 1, NULL, &json);
    shiplink_string_free(json);
    CHECK(log_lines > 0, "debug lines arrive");
    CHECK(log_leaked == 0, "the token never appears in a log line");
    shiplink_set_log_callback(4, NULL, NULL);
    int before = log_lines;
    shiplink_poll_queue(client, "pending_accept", 1, NULL, &json);
    shiplink_string_free(json);
    CHECK(log_lines == before, "NULL callback stops logging");
}

int main(void) {
    url = env_or_die("SHIPLINK_SANDBOX_URL");
    token = env_or_die("SHIPLINK_SANDBOX_TOKEN");
    test_version_and_names();
    test_client_new_errors();
    shiplink_client *client = make_client(token);
    test_poll_errors(client);
    test_action_errors(client);
    test_http_errors(client);
    test_lifecycle(client);
    test_batches(client);
    test_free_keeps_the_last_error(client);
    test_threads(client);
    test_webhooks();
    test_parse_webhook();
    test_log_callback(client);
    shiplink_client_free(client);
    return harness_summary();
}
