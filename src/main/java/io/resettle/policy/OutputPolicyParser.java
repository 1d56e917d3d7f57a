package io.resettle.policy;

import io.resettle.policy.OutputPolicy.BankPayouts;
import io.resettle.policy.OutputPolicy.Debtor;
import io.resettle.policy.OutputPolicy.HeaderLanguage;
import io.resettle.policy.OutputPolicy.Party;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The policy's optional sections for the output files (docs/outputs.md), called by {@link PolicyParser}
 * and adding to its list of problems, each with its key path:
 *
 * <pre>
 * workbook:
 *   headers: ZH                    # EN (default) or ZH: the period workbook's column headers
 * bank_payouts:                    # pain.001 bank payout batches; without it none is written
 *   initiating_party: {name: 杭州云途科技有限公司, id: 91330100MA2CLOUD01}
 *   debtors:                       # one PmtInf per debtor account
 *     - {name: 杭州云途科技有限公司, account: ICBC 1202 0211 0900 0000 88, currency: CNY, payee_types: [GROUP, AMBASSADOR]}
 * </pre>
 */
public final class OutputPolicyParser {

    /** The keys this class reads at the policy's root. */
    public static final Set<String> ROOT_KEYS = Set.of("workbook", "bank_payouts", "invoicing");

    private static final Set<String> PAYEE_TYPES = Set.of("GROUP", "AMBASSADOR");

    private final PolicyYaml yaml;

    private OutputPolicyParser(PolicyYaml yaml) {
        this.yaml = yaml;
    }

    /** The sections of {@code root}; problems are recorded through {@code yaml}. */
    static OutputPolicy parse(Map<String, Object> root, PolicyYaml yaml) {
        return new OutputPolicyParser(yaml).read(root);
    }

    private OutputPolicy read(Map<String, Object> root) {
        Map<String, Object> workbook = yaml.map("workbook", root.get("workbook"));
        yaml.known("workbook", workbook, Set.of("headers"));
        HeaderLanguage headers = HeaderLanguage.EN;
        if (workbook.containsKey("headers")) {
            String value = PolicyYaml.text(workbook.get("headers")).toUpperCase(Locale.ROOT);
            try {
                headers = HeaderLanguage.valueOf(value);
            } catch (IllegalArgumentException e) {
                yaml.problem("workbook.headers: unknown value '" + workbook.get("headers") + "' (expected one of EN, ZH)");
            }
        }
        Optional<BankPayouts> bankPayouts = root.containsKey("bank_payouts")
                ? Optional.ofNullable(bankPayouts(yaml.map("bank_payouts", root.get("bank_payouts"))))
                : Optional.empty();
        Optional<OutputPolicy.Invoicing> invoicing = root.containsKey("invoicing")
                ? Optional.ofNullable(invoicing(yaml.map("invoicing", root.get("invoicing"))))
                : Optional.empty();
        return new OutputPolicy(headers, bankPayouts, invoicing);
    }

    private static final Set<String> ITEM_KEYS = Set.of("default", "COMPUTE", "SECURITY", "DATABASE", "STORAGE", "NETWORK",
            "OTHER", "CLAWBACK", "PENALTY");

    private OutputPolicy.Invoicing invoicing(Map<String, Object> section) {
        yaml.known("invoicing", section, Set.of("amounts_include_tax", "tax_rate", "invoice_type", "special_vat_accounts",
                "items", "note"));
        Object includeTax = section.get("amounts_include_tax");
        boolean amountsIncludeTax = true;
        if (includeTax == null) {
            yaml.problem("invoicing.amounts_include_tax is required (true or false: 是否含税)");
        } else if (includeTax instanceof Boolean flag) {
            amountsIncludeTax = flag;
        } else {
            yaml.problem("invoicing.amounts_include_tax '" + includeTax + "' is not true or false");
        }
        java.math.BigDecimal taxRate = null;
        String rateText = yaml.required("invoicing.tax_rate", section.get("tax_rate"), 8);
        if (rateText != null) {
            try {
                taxRate = new java.math.BigDecimal(rateText);
                if (taxRate.signum() < 0 || taxRate.compareTo(java.math.BigDecimal.ONE) >= 0) {
                    yaml.problem("invoicing.tax_rate " + rateText + " is not a decimal rate such as 0.06");
                }
            } catch (NumberFormatException e) {
                yaml.problem("invoicing.tax_rate '" + rateText + "' is not a number");
            }
        }
        String invoiceType = section.containsKey("invoice_type")
                ? PolicyYaml.text(section.get("invoice_type")) : OutputPolicy.Invoicing.ORDINARY;
        if (!invoiceType.equals(OutputPolicy.Invoicing.ORDINARY) && !invoiceType.equals(OutputPolicy.Invoicing.SPECIAL)) {
            yaml.problem("invoicing.invoice_type: unknown value '" + invoiceType + "' (expected 普通发票 or 增值税专用发票)");
        }
        Set<String> special = new LinkedHashSet<>();
        for (Object account : yaml.list("invoicing.special_vat_accounts", section.get("special_vat_accounts"))) {
            special.add(PolicyYaml.text(account));
        }
        Map<String, OutputPolicy.Item> items = new LinkedHashMap<>();
        Map<String, Object> itemSection = yaml.map("invoicing.items", section.get("items"));
        if (itemSection.isEmpty()) {
            yaml.problem("invoicing.items needs an item (name and tax classification code) per category, or a default");
        }
        itemSection.forEach((key, value) -> {
            String path = "invoicing.items." + key;
            String name = key.equalsIgnoreCase("default") ? "default" : key.toUpperCase(Locale.ROOT);
            if (!ITEM_KEYS.contains(name)) {
                yaml.problem(path + " is not a category, CLAWBACK, PENALTY or default");
                return;
            }
            Map<String, Object> item = yaml.map(path, value);
            yaml.known(path, item, Set.of("name", "code"));
            String itemName = yaml.required(path + ".name", item.get("name"), 100);
            String code = yaml.required(path + ".code", item.get("code"), 19);
            if (code != null && !code.matches("[0-9]{19}")) {
                yaml.problem(path + ".code '" + code + "' is not a 19-digit tax classification code (商品和服务税收分类编码)");
            }
            if (itemName != null && code != null) {
                items.put(name, new OutputPolicy.Item(itemName, code));
            }
        });
        String note = yaml.optional("invoicing.note", section.get("note"), 180);
        return taxRate == null ? null : new OutputPolicy.Invoicing(amountsIncludeTax, taxRate, invoiceType, special, items,
                note == null ? "" : note);
    }

    private BankPayouts bankPayouts(Map<String, Object> section) {
        yaml.known("bank_payouts", section, Set.of("initiating_party", "debtors"));
        Map<String, Object> initiating = yaml.map("bank_payouts.initiating_party", section.get("initiating_party"));
        yaml.known("bank_payouts.initiating_party", initiating, Set.of("name", "id"));
        String name = yaml.required("bank_payouts.initiating_party.name", initiating.get("name"), 140);
        String id = yaml.optional("bank_payouts.initiating_party.id", initiating.get("id"), 35);
        List<Debtor> debtors = new ArrayList<>();
        List<Object> rows = yaml.list("bank_payouts.debtors", section.get("debtors"));
        if (rows.isEmpty()) {
            yaml.problem("bank_payouts.debtors needs at least one debtor account");
        }
        Set<String> covered = new LinkedHashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            String path = "bank_payouts.debtors[" + i + "]";
            Map<String, Object> row = yaml.map(path, rows.get(i));
            yaml.known(path, row, Set.of("name", "account", "currency", "payee_types"));
            String debtorName = yaml.required(path + ".name", row.get("name"), 140);
            String accountText = yaml.required(path + ".account", row.get("account"), 70);
            Optional<BankAccount> account = BankAccount.parse(accountText);
            if (accountText != null && (account.isEmpty() || !account.get().bankTransfer())) {
                yaml.problem(path + ".account '" + accountText + "' is not a bank account (IBAN, or a bank code and"
                        + " an account number such as 'ICBC 1202 0211 0900 0000 88')");
            }
            String currency = yaml.required(path + ".currency", row.get("currency"), 3);
            if (currency != null && !currency.matches("[A-Z]{3}")) {
                yaml.problem(path + ".currency '" + currency + "' is not an ISO 4217 code such as CNY");
            }
            Set<String> types = new LinkedHashSet<>();
            List<Object> typeList = yaml.list(path + ".payee_types", row.get("payee_types"));
            if (typeList.isEmpty()) {
                yaml.problem(path + ".payee_types is required (GROUP and/or AMBASSADOR)");
            }
            for (Object type : typeList) {
                String value = PolicyYaml.text(type).toUpperCase(Locale.ROOT);
                if (!PAYEE_TYPES.contains(value)) {
                    yaml.problem(path + ".payee_types: unknown value '" + type + "' (expected one of GROUP, AMBASSADOR)");
                } else if (!covered.add(value)) {
                    yaml.problem(path + ".payee_types: " + value + " is paid by an earlier debtor already");
                } else {
                    types.add(value);
                }
            }
            if (debtorName != null && account.isPresent() && account.get().bankTransfer() && currency != null) {
                debtors.add(new Debtor(debtorName, account.get(), currency, types));
            }
        }
        return name == null ? null : new BankPayouts(new Party(name, id == null ? "" : id), debtors);
    }
}
