package dev.ferry.odoo.sandbox;

import dev.ferry.odoo.ClientOptions;
import dev.ferry.odoo.Credentials;
import dev.ferry.odoo.LoadResult;
import dev.ferry.odoo.OdooClient;
import dev.ferry.odoo.OdooFault;
import dev.ferry.odoo.OdooServer;
import dev.ferry.odoo.Protocol;
import dev.ferry.odoo.Secret;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the installed modules add to the sandbox: their data (units, CRM stages, payment terms, warehouse, generic
 * chart taxes), product variants and product name search, the sale.order workflow methods and delete rules.
 */
class ModuleBehaviourTest {

    private static OdooClient connect(OdooSandbox odoo) {
        boolean json2 = odoo.version().startsWith("19");
        return OdooClient.connect(new OdooServer(odoo.url(), odoo.database()),
                new Credentials(odoo.login(), Secret.of((json2 ? odoo.apiKey() : odoo.password()).toCharArray())),
                ClientOptions.defaults().withProtocol(json2 ? Protocol.JSON_2 : Protocol.XML_RPC));
    }

    @ParameterizedTest
    @ValueSource(strings = {"17.0", "18.0", "19.0"})
    void seedsTheDataOfTheInstalledModulesWithTheirExternalIds(String version) {
        try (OdooSandbox odoo = OdooSandbox.start(SharedCatalogs.of(version))) {
            SandboxEnv env = odoo.env();
            for (String x : List.of("uom.product_uom_unit", "uom.product_uom_hour", "uom.product_uom_meter",
                    "uom.product_uom_litre", "crm.stage_lead1", "crm.stage_lead4", "stock.warehouse0",
                    "account.account_payment_term_30days", "account.account_payment_term_end_following_month",
                    "utm.utm_source_facebook", "base.state_au_2", "base.nz", "sales_team.team_sales_department",
                    "account.1_sale_tax_template")) {
                assertThat(env.ref(x)).as(x).isNotNull();
            }
            assertThat(env.read("uom.uom", List.of(env.ref("uom.product_uom_hour")), "name").get(0)).containsEntry("name", "Hours");
            assertThat(env.read("crm.stage", List.of(env.ref("crm.stage_lead4")), "name", "is_won").get(0))
                    .containsEntry("name", "Won").containsEntry("is_won", true);
            assertThat(env.read("res.country.state", List.of(env.ref("base.state_au_3")), "display_name").get(0))
                    .containsEntry("display_name", "Northern Territory (AU)");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"17.0", "19.0"})
    void aTemplateHasOneVariantFoundByItsInternalReference(String version) {
        try (OdooSandbox odoo = OdooSandbox.start(SharedCatalogs.of(version)); OdooClient client = connect(odoo)) {
            long tmpl = odoo.env().create("product.template", Map.of("name", "Switchboard", "default_code", "SWB-36",
                    "uom_id", odoo.env().ref("uom.product_uom_unit")));
            List<Long> variants = odoo.env().search("product.product", List.of(List.of("product_tmpl_id", "=", tmpl)));
            assertThat(variants).hasSize(1);
            assertThat(odoo.env().read("product.product", variants, "display_name").get(0))
                    .containsEntry("display_name", "[SWB-36] Switchboard");
            Object found = client.execute("product.product", "name_search", List.of("SWB-36"), Map.of("operator", "="));
            assertThat(found).isEqualTo(List.of(List.of(variants.get(0), "[SWB-36] Switchboard")));
            Object byBracket = client.execute("product.product", "name_search", List.of("[SWB-36] anything"), Map.of());
            assertThat(byBracket).asList().hasSize(1);
            odoo.env().unlink("product.template", List.of(tmpl));
            assertThat(odoo.env().search("product.product", List.of(List.of("id", "in", variants)))).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"17.0", "19.0"})
    void loadResolvesAProductByInternalReference(String version) {
        try (OdooSandbox odoo = OdooSandbox.start(SharedCatalogs.of(version)); OdooClient client = connect(odoo)) {
            long partner = odoo.env().create("res.partner", Map.of("name", "Buyer"));
            odoo.env().create("product.template", Map.of("name", "Copper pipe", "default_code", "PIPE-CU-15",
                    "uom_id", odoo.env().ref("uom.product_uom_meter")));
            LoadResult order = client.load("sale.order", List.of("id", "partner_id/.id", "name"),
                    List.of(List.of("mig.so1", Long.toString(partner), "SO-1")), Map.of());
            assertThat(order.messages()).isEmpty();
            String uom = version.startsWith("19") ? "product_uom_id/id" : "product_uom/id";
            LoadResult line = client.load("sale.order.line", List.of("id", "order_id/id", "product_id", "name",
                            "product_uom_qty", "price_unit", "customer_lead", uom),
                    List.of(List.of("mig.l1", "mig.so1", "PIPE-CU-15", "Pipe", "3", "9.5", "0", "uom.product_uom_meter")), Map.of());
            assertThat(line.messages()).isEmpty();
            assertThat(line.saved()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"17.0", "18.0", "19.0"})
    void saleOrderWorkflowAsOdooRunsIt(String version) {
        try (OdooSandbox odoo = OdooSandbox.start(SharedCatalogs.of(version)); OdooClient client = connect(odoo)) {
            long partner = odoo.env().create("res.partner", Map.of("name", "Buyer"));
            long so = odoo.env().create("sale.order", Map.of("partner_id", partner, "name", "Q1",
                    "date_order", "2024-01-02 00:00:00"));
            assertThat(state(odoo, so)).isEqualTo("draft");
            boolean xmlrpc = !version.startsWith("19");
            if (xmlrpc) {
                // action_quotation_sent returns None: Odoo's XML-RPC commits, then cannot marshal the answer.
                assertThatThrownBy(() -> client.execute("sale.order", "action_quotation_sent", List.of(List.of(so)), Map.of()))
                        .isInstanceOfSatisfying(OdooFault.class, f -> assertThat(f.faultString())
                                .contains("cannot marshal None unless allow_none is enabled"));
            } else {
                client.execute("sale.order", "action_quotation_sent", List.of(List.of(so)), Map.of());
            }
            assertThat(state(odoo, so)).isEqualTo("sent");
            assertThatThrownBy(() -> client.execute("sale.order", "action_quotation_sent", List.of(List.of(so)), Map.of()))
                    .isInstanceOfSatisfying(OdooFault.class, f -> assertThat(f.faultString())
                            .isEqualTo("Only draft orders can be marked as sent directly."));
            assertThatThrownBy(() -> odoo.env().unlink("sale.order", List.of(so)))
                    .hasMessageContaining("You can not delete a sent quotation or a confirmed sales order. You must first cancel it.");

            Object wizard = client.execute("sale.order", "action_cancel", List.of(List.of(so)), Map.of());
            assertThat(wizard).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("res_model", "sale.order.cancel");
            assertThat(state(odoo, so)).as("the wizard cancels nothing").isEqualTo("sent");

            assertThat(client.execute("sale.order", "action_confirm", List.of(List.of(so)), Map.of())).isEqualTo(true);
            Map<String, Object> row = odoo.env().read("sale.order", List.of(so), "state", "date_order").get(0);
            assertThat(row.get("state")).isEqualTo("sale");
            assertThat(row.get("date_order")).isNotEqualTo("2024-01-02 00:00:00");
            String refusal = version.startsWith("17") ? "The following orders are not in a state requiring confirmation: Q1"
                    : "Some orders are not in a state requiring confirmation.";
            assertThatThrownBy(() -> client.execute("sale.order", "action_confirm", List.of(List.of(so)), Map.of()))
                    .isInstanceOfSatisfying(OdooFault.class, f -> assertThat(f.faultString()).isEqualTo(refusal));

            assertThat(client.execute("sale.order", "action_cancel", List.of(List.of(so)),
                    Map.of("context", Map.of("disable_cancel_warning", true)))).isEqualTo(true);
            assertThat(state(odoo, so)).isEqualTo("cancel");
            odoo.env().unlink("sale.order", List.of(so));
            assertThat(odoo.env().search("sale.order", List.of(List.of("id", "=", so)))).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"17.0"})
    void aLockedOrderIsNotCancelledAndConfirmedLinesStay(String version) {
        try (OdooSandbox odoo = OdooSandbox.start(SharedCatalogs.of(version)); OdooClient client = connect(odoo)) {
            long partner = odoo.env().create("res.partner", Map.of("name", "Buyer"));
            long so = odoo.env().create("sale.order", Map.of("partner_id", partner, "name", "Q2"));
            long line = odoo.env().create("sale.order.line", Map.of("order_id", so, "name", "Note", "display_type", "line_note",
                    "product_uom_qty", 0, "price_unit", 0, "customer_lead", 0));
            client.execute("sale.order", "action_confirm", List.of(List.of(so)), Map.of());
            odoo.env().write("sale.order", List.of(so), Map.of("locked", true));
            assertThatThrownBy(() -> client.execute("sale.order", "action_cancel", List.of(List.of(so)),
                    Map.of("context", Map.of("disable_cancel_warning", true))))
                    .isInstanceOfSatisfying(OdooFault.class, f -> assertThat(f.faultString())
                            .isEqualTo("You cannot cancel a locked order. Please unlock it first."));
            odoo.env().unlink("sale.order.line", List.of(line));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"17.0", "19.0"})
    void writableFieldsOdooStoresElsewhereReadBackAsWritten(String version) {
        try (OdooSandbox odoo = OdooSandbox.start(SharedCatalogs.of(version))) {
            SandboxEnv env = odoo.env();
            // 17: a company property; the template's cost goes to its variant; an attachment's content to the filestore.
            long partner = env.create("res.partner", Map.of("name", "Payer",
                    "property_payment_term_id", env.ref("account.account_payment_term_30days")));
            long tmpl = env.create("product.template", Map.of("name", "Kit", "standard_price", 12.5,
                    "uom_id", env.ref("uom.product_uom_unit")));
            long file = env.create("ir.attachment", Map.of("name", "a.txt", "datas", "aGVsbG8="));
            assertThat(env.read("res.partner", List.of(partner), "property_payment_term_id").get(0).get("property_payment_term_id"))
                    .isEqualTo(List.of(env.ref("account.account_payment_term_30days"), "30 Days"));
            assertThat(env.read("product.template", List.of(tmpl), "standard_price").get(0)).containsEntry("standard_price", 12.5);
            assertThat(env.read("ir.attachment", List.of(file), "datas").get(0)).containsEntry("datas", "aGVsbG8=");
        }
    }

    private static Object state(OdooSandbox odoo, long id) {
        return odoo.env().read("sale.order", List.of(id), "state").get(0).get("state");
    }
}
