package dev.ferry.odoo.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.odoo.ClientOptions;
import dev.ferry.odoo.Credentials;
import dev.ferry.odoo.OdooClient;
import dev.ferry.odoo.OdooFault;
import dev.ferry.odoo.OdooServer;
import dev.ferry.odoo.Protocol;
import dev.ferry.odoo.Secret;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fault codes and texts BEHAVIOUR.md (17.0) and VERSIONS.md (18.0, 19.0, JSON-2) record, word for word. */
class FaultTextsTest {
    private static final String REQUIRED_17 = "The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n"
            + "- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n"
            + "Model: Partner Tags (res.partner.category)\nField: Tag Name (name)\n";
    private static final String REQUIRED_19 = "The operation cannot be completed: Missing required value for the field 'Name' (name).\n"
            + "Model: 'Partner Tags' (res.partner.category)\n- create/update: a mandatory field is not set\n"
            + "- delete: another model requires the record being deleted, you can archive it instead\n";
    private static final String FK_17 = "The operation cannot be completed: another model requires the record being deleted."
            + " If possible, archive it instead.\n\nModel: Contact (res.partner)\nConstraint: res_partner_country_id_fkey\n";
    private static final String FK_19 = "The operation cannot be completed: Another model is using the record you are trying to delete.\n\n"
            + "The troublemaker is: 'Contact' (res.partner)\nThanks to the following constraint: 'Country' (country_id)\n"
            + "How about archiving the record instead?";
    private static final String MISSING = "Record does not exist or has been deleted.\n(Record: res.partner(99999999,), User: 2)";

    private static OdooClient xmlrpc(OdooSandbox s) {
        return OdooClient.connect(new OdooServer(s.url(), s.database()),
                new Credentials(s.login(), Secret.of(s.password().toCharArray())),
                ClientOptions.defaults().withProtocol(Protocol.XML_RPC));
    }

    private static void fault(Runnable call, int code, Consumer<String> text) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(OdooFault.class, f -> {
            assertThat(f.code()).as("fault code").isEqualTo(code);
            text.accept(f.faultString());
        });
    }

    private static Consumer<String> is(String expected) {
        return s -> assertThat(s).isEqualTo(expected);
    }

    private static Consumer<String> tracebackEnding(String lastLine) {
        return s -> assertThat(s).startsWith("Traceback (most recent call last):\n").endsWith("\n" + lastLine + "\n");
    }

    @Test
    void odoo17XmlRpcFaults() {
        try (OdooSandbox odoo = OdooSandbox.start(SharedCatalogs.of("17.0"))) {
            OdooClient c = xmlrpc(odoo);
            odoo.env().create("crm.tag", Map.of("name", "Hot"));
            fault(() -> c.create("res.partner.category", Map.of("color", 1)), 2, is(REQUIRED_17));
            fault(() -> c.create("res.partner", Map.of("email", "x@y.z")), 2, is("The operation cannot be completed: Contacts require a name"));
            fault(() -> c.create("res.partner", Map.of("name", "x", "type", "bogus")), 1,
                    tracebackEnding("ValueError: Wrong value for res.partner.type: 'bogus'"));
            fault(() -> c.create("res.partner", Map.of("name", "x", "country_id", 99999999)), 2, is(FK_17));
            fault(() -> c.create("res.partner", Map.of("name", "x", "parent_id", 99999999)), 2, is(MISSING));
            fault(() -> c.create("res.partner", Map.of("name", "x", "category_id", List.of(List.of(6, 0, List.of(99999999))))), 2,
                    is("Record does not exist or has been deleted.\n(Record: res.partner.category(99999999,), User: 2)"));
            fault(() -> c.create("res.partner", Map.of("name", "x", "no_such_field", 1)), 1,
                    tracebackEnding("ValueError: Invalid field 'no_such_field' on model 'res.partner'"));
            fault(() -> c.create("crm.tag", Map.of("name", "Hot")), 2, is("The operation cannot be completed: Tag name already exists!"));
            fault(() -> c.write("res.partner", List.of(99999999L), Map.of("name", "x")), 2, is(MISSING));
            fault(() -> c.unlink("res.partner", List.of(99999999L)), 2, is(MISSING));
            fault(() -> c.searchCount("no.such.model", List.of()), 2, is("Object no.such.model doesn't exist"));
            fault(() -> c.execute("res.partner", "no_such_method", List.of(), Map.of()), 1,
                    tracebackEnding("AttributeError: The method 'no_such_method' does not exist on the model 'res.partner'"));
            fault(() -> c.execute("res.partner", "_compute_display_name", List.of(List.of(1)), Map.of()), 4,
                    is("Private methods (such as _compute_display_name) cannot be called remotely."));
            fault(() -> c.searchCount("res.partner", List.of(List.of("no_such_field", "=", 1))), 1,
                    tracebackEnding("ValueError: Invalid field res.partner.no_such_field in leaf ('no_such_field', '=', 1)"));
        }
    }

    @Test
    void odoo18XmlRpcFaultsThatDifferFrom17() {
        try (OdooSandbox odoo = OdooSandbox.start(SharedCatalogs.of("18.0"))) {
            OdooClient c = xmlrpc(odoo);
            fault(() -> c.create("res.partner.category", Map.of("color", 1)), 2, is(REQUIRED_17.replace("Tag Name (name)", "Name (name)")));
            fault(() -> c.create("res.partner", Map.of("name", "x", "country_id", 99999999)), 2, is(FK_17));
            fault(() -> c.execute("res.partner", "no_such_method", List.of(), Map.of()), 1,
                    tracebackEnding("AttributeError: The method 'res.partner.no_such_method' does not exist"));
            fault(() -> c.execute("res.partner", "_compute_display_name", List.of(List.of(1)), Map.of()), 4,
                    is("Private methods (such as 'res.partner._compute_display_name') cannot be called remotely."));
            fault(() -> c.create("res.partner", Map.of("name", "x", "no_such_field", 1)), 1,
                    tracebackEnding("ValueError: Invalid field 'no_such_field' on model 'res.partner'"));
        }
    }

    @Test
    void odoo19XmlRpcFaultsThatDifferFrom17() {
        try (OdooSandbox odoo = OdooSandbox.start(SharedCatalogs.of("19.0"))) {
            OdooClient c = xmlrpc(odoo);
            fault(() -> c.create("res.partner.category", Map.of("color", 1)), 2, is(REQUIRED_19));
            fault(() -> c.create("res.partner", Map.of("name", "x", "country_id", 99999999)), 2, is(FK_19));
            fault(() -> c.create("res.partner", Map.of("name", "x", "no_such_field", 1)), 1,
                    tracebackEnding("ValueError: Invalid field 'no_such_field' in 'res.partner'"));
            fault(() -> c.create("res.partner", Map.of("email", "x@y.z")), 2, is("The operation cannot be completed: Contacts require a name"));
        }
    }

    @Test
    void wrongPasswordOnExecuteIsFault3() throws Exception {
        try (OdooSandbox odoo = OdooSandbox.start(SharedCatalogs.of("17.0"))) {
            String body = "<?xml version='1.0'?><methodCall><methodName>execute_kw</methodName><params>"
                    + "<param><value><string>" + odoo.database() + "</string></value></param>"
                    + "<param><value><int>2</int></value></param>"
                    + "<param><value><string>not-the-password</string></value></param>"
                    + "<param><value><string>res.partner</string></value></param>"
                    + "<param><value><string>search_count</string></value></param>"
                    + "<param><value><array><data><value><array><data></data></array></value></data></array></value></param>"
                    + "</params></methodCall>";
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(odoo.url().resolve("/xmlrpc/2/object"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "text/xml").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("<name>faultCode</name>\n<value><int>3</int></value>")
                    .contains("<string>Access Denied</string>");
        }
    }

    // ---------------------------------------------------------------- JSON-2, status + name + message

    private record Json2Reply(int status, String contentType, JsonNode body) {
    }

    private static Json2Reply json2(OdooSandbox odoo, String method, String path, String body, boolean auth, String db) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(odoo.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (auth) {
            b.header("Authorization", "bearer " + odoo.apiKey());
        }
        if (db != null) {
            b.header("X-Odoo-Database", db);
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        String type = r.headers().firstValue("Content-Type").orElse("");
        JsonNode node = type.startsWith("application/json") ? new ObjectMapper().readTree(r.body()) : null;
        return new Json2Reply(r.statusCode(), type, node);
    }

    private static void json2Error(OdooSandbox odoo, String path, String body, int status, String name, String message) throws Exception {
        Json2Reply r = json2(odoo, "POST", path, body, true, odoo.database());
        assertThat(r.status()).as(path + " " + body + " status").isEqualTo(status);
        assertThat(r.body().get("name").asText()).as("name").isEqualTo(name);
        assertThat(r.body().get("message").asText()).as("message").isEqualTo(message);
        assertThat(r.body().get("arguments").get(0).asText()).isEqualTo(message);
        assertThat(r.body().get("arguments").get(1).asInt()).isEqualTo(status);
        assertThat(r.body().get("context").isObject()).isTrue();
        assertThat(r.body().get("debug").asText()).startsWith("Traceback (most recent call last):");
    }

    @Test
    void odoo19Json2ErrorBodies() throws Exception {
        try (OdooSandbox odoo = OdooSandbox.start(SharedCatalogs.of("19.0"))) {
            odoo.env().create("crm.tag", Map.of("name", "Hot"));
            json2Error(odoo, "/json/2/res.partner/create", "{\"vals_list\": [{\"name\": \"x\", \"no_such_field\": 1}]}",
                    500, "builtins.ValueError", "Invalid field 'no_such_field' in 'res.partner'");
            json2Error(odoo, "/json/2/res.partner/search_read", "{\"fields\": [\"no_such_field\"]}",
                    500, "builtins.ValueError", "Invalid field 'no_such_field' on 'res.partner'");
            json2Error(odoo, "/json/2/res.partner/search_read", "{\"domain\": [[\"no_such_field\", \"=\", 1]]}",
                    500, "builtins.ValueError", "Invalid field res.partner.no_such_field in condition ('no_such_field', '=', 1)");
            json2Error(odoo, "/json/2/res.partner.category/create", "{\"vals_list\": [{\"color\": 1}]}",
                    422, "odoo.exceptions.ValidationError", REQUIRED_19);
            json2Error(odoo, "/json/2/res.partner/create", "{\"vals_list\": [{\"email\": \"a@b.c\"}]}",
                    422, "odoo.exceptions.ValidationError", "The operation cannot be completed: Contacts require a name");
            json2Error(odoo, "/json/2/res.partner/create", "{\"vals_list\": [{\"name\": \"x\", \"type\": \"bogus\"}]}",
                    500, "builtins.ValueError", "Wrong value for res.partner.type: 'bogus'");
            json2Error(odoo, "/json/2/res.partner/create", "{\"vals_list\": [{\"name\": \"x\", \"country_id\": 99999999}]}",
                    422, "odoo.exceptions.ValidationError", FK_19);
            json2Error(odoo, "/json/2/res.partner/create", "{\"vals_list\": [{\"name\": \"x\", \"parent_id\": 99999999}]}",
                    404, "odoo.exceptions.MissingError", MISSING);
            json2Error(odoo, "/json/2/res.partner/write", "{\"ids\": [99999999], \"vals\": {\"name\": \"x\"}}",
                    404, "odoo.exceptions.MissingError", MISSING);
            json2Error(odoo, "/json/2/no.such.model/search_read", "{}",
                    404, "werkzeug.exceptions.NotFound", "the model 'no.such.model' does not exist");
            json2Error(odoo, "/json/2/res.partner/no_such_method", "{}",
                    404, "werkzeug.exceptions.NotFound", "The method 'res.partner.no_such_method' does not exist");
            json2Error(odoo, "/json/2/res.partner/_compute_display_name", "{}",
                    403, "odoo.exceptions.AccessError", "Private methods (such as 'res.partner._compute_display_name') cannot be called remotely.");
            json2Error(odoo, "/json/2/res.partner/search_read", "{\"bogus_arg\": 1}",
                    500, "builtins.TypeError", "BaseModel._read_format() got an unexpected keyword argument 'bogus_arg'");
            json2Error(odoo, "/json/2/res.partner/create", "{}",
                    422, "werkzeug.exceptions.UnprocessableEntity", "missing a required argument: 'vals_list'");
            json2Error(odoo, "/json/2/res.partner/create", "{\"ids\": [1], \"vals_list\": []}",
                    422, "werkzeug.exceptions.UnprocessableEntity", "cannot call res.partner.create with ids");
            json2Error(odoo, "/json/2/crm.tag/create", "{\"vals_list\": [{\"name\": \"Hot\"}]}",
                    422, "odoo.exceptions.ValidationError", "The operation cannot be completed: Tag name already exists!");
            Json2Reply notJson = json2(odoo, "POST", "/json/2/res.partner/search_read", "{bad", true, null);
            assertThat(notJson.status()).isEqualTo(400);
            assertThat(notJson.body().get("name").asText()).isEqualTo("werkzeug.exceptions.BadRequest");
            assertThat(notJson.body().get("message").asText()).startsWith("could not parse the body as json: ");
            Json2Reply get = json2(odoo, "GET", "/json/2/res.partner/search_read", null, true, null);
            assertThat(get.status()).isEqualTo(404);
            assertThat(get.body().get("message").asText()).isEqualTo("Did you mean POST /json/2/<model>/<method>?");
            Json2Reply noAuth = json2(odoo, "POST", "/json/2/res.partner/search_read", "{}", false, null);
            assertThat(noAuth.status()).isEqualTo(401);
            assertThat(noAuth.body().get("message").asText())
                    .isEqualTo("User not authenticated, use an API Key with a Bearer Authorization header.");
            Json2Reply wrongDb = json2(odoo, "POST", "/json/2/res.partner/search_read", "{}", true, "nope");
            assertThat(wrongDb.status()).isEqualTo(404);
            assertThat(wrongDb.contentType()).startsWith("text/html");
        }
    }

    @Test
    void odoo19Json2SuccessShapes() throws Exception {
        try (OdooSandbox odoo = OdooSandbox.start(SharedCatalogs.of("19.0"))) {
            Json2Reply single = json2(odoo, "POST", "/json/2/res.partner/create", "{\"vals_list\": {\"name\": \"J2 D\"}}", true, odoo.database());
            assertThat(single.body().isArray()).isTrue();
            assertThat(single.body()).hasSize(1);
            Json2Reply read = json2(odoo, "POST", "/json/2/res.users/search_read",
                    "{\"domain\": [[\"id\", \"=\", 2]], \"fields\": [\"partner_id\", \"company_ids\", \"create_date\"]}", true, null);
            JsonNode admin = read.body().get(0);
            assertThat(admin.get("partner_id").toString()).isEqualTo("[3,\"Administrator\"]");
            assertThat(admin.get("create_date").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
            Json2Reply version = json2(odoo, "GET", "/json/version", null, false, null);
            assertThat(version.body().toString()).isEqualTo("{\"version_info\":[19,0,0,\"final\",0,\"\"],\"version\":\"19.0\"}");
        }
    }

    @Test
    void odoo19LoadMessagesAndUnknownColumn() throws Exception {
        try (OdooSandbox odoo = OdooSandbox.start(SharedCatalogs.of("19.0"))) {
            odoo.env().create("crm.tag", Map.of("name", "Hot"));
            Json2Reply req = json2(odoo, "POST", "/json/2/res.partner.category/load",
                    "{\"fields\": [\"id\", \"name\"], \"data\": [[\"c1\", \"\"]]}", true, null);
            assertThat(req.body().get("ids").asBoolean(true)).isFalse();
            assertThat(req.body().get("messages").get(0).get("message").asText())
                    .isEqualTo(REQUIRED_19.replace("The operation cannot be completed: ", ""));
            Json2Reply check = json2(odoo, "POST", "/json/2/res.partner/load", "{\"fields\": [\"id\", \"name\"], \"data\": [[\"p1\", \"\"]]}", true, null);
            assertThat(check.body().get("messages").get(0).get("message").asText()).isEqualTo("Contacts require a name");
            Json2Reply unique = json2(odoo, "POST", "/json/2/crm.tag/load", "{\"fields\": [\"id\", \"name\"], \"data\": [[\"t1\", \"Hot\"]]}", true, null);
            assertThat(unique.body().get("messages").get(0).get("message").asText()).isEqualTo("Tag name already exists!");
            Json2Reply selection = json2(odoo, "POST", "/json/2/res.partner/load",
                    "{\"fields\": [\"id\", \"name\", \"type\"], \"data\": [[\"p2\", \"P\", \"bogus\"]]}", true, null);
            JsonNode msg = selection.body().get("messages").get(0);
            assertThat(msg.get("field").asText()).isEqualTo("type");
            assertThat(msg.get("field_name").asText()).isEqualTo("Address Type");
            assertThat(msg.get("moreinfo").toString()).isEqualTo("[\"Contact\",\"Invoice\",\"Delivery\",\"Other\"]");
            assertThat(msg.get("rows").toString()).isEqualTo("{\"from\":0,\"to\":0}");
            json2Error(odoo, "/json/2/res.partner/load", "{\"fields\": [\"id\", \"no_such_field\"], \"data\": [[\"x\", \"y\"]]}",
                    500, "builtins.ValueError", "Invalid field name 'no_such_field'");
            Json2Reply limited = json2(odoo, "POST", "/json/2/res.partner/load",
                    "{\"fields\": [\"id\", \"name\"], \"data\": [[\"a\", \"A\"], [\"b\", \"B\"], [\"c\", \"C\"]], \"context\": {\"_import_limit\": 2}}",
                    true, null);
            assertThat(limited.body().get("ids")).hasSize(2);
            assertThat(limited.body().get("nextrow").asInt()).isEqualTo(2);
        }
    }

    @Test
    void odoo18HasNoJson2() throws Exception {
        try (OdooSandbox odoo = OdooSandbox.start(SharedCatalogs.of("18.0"))) {
            Json2Reply r = json2(odoo, "POST", "/json/2/res.partner/search_read", "{}", true, null);
            assertThat(r.status()).isEqualTo(303);
            assertThat(json2(odoo, "GET", "/json/version", null, false, null).status()).isEqualTo(404);
        }
    }
}
