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

    private final List<String> problems;

    private OutputPolicyParser(List<String> problems) {
        this.problems = problems;
    }

    /** The sections of {@code root}; problems are added to {@code problems}. */
    public static OutputPolicy parse(Map<String, Object> root, List<String> problems) {
        return new OutputPolicyParser(problems).read(root);
    }

    private OutputPolicy read(Map<String, Object> root) {
        Map<String, Object> workbook = map("workbook", root.get("workbook"));
        known("workbook", workbook, Set.of("headers"));
        HeaderLanguage headers = HeaderLanguage.EN;
        if (workbook.containsKey("headers")) {
            String value = text(workbook.get("headers")).toUpperCase(Locale.ROOT);
            try {
                headers = HeaderLanguage.valueOf(value);
            } catch (IllegalArgumentException e) {
                problems.add("workbook.headers: unknown value '" + workbook.get("headers") + "' (expected one of EN, ZH)");
            }
        }
        Optional<BankPayouts> bankPayouts = root.containsKey("bank_payouts")
                ? Optional.ofNullable(bankPayouts(map("bank_payouts", root.get("bank_payouts"))))
                : Optional.empty();
        Optional<OutputPolicy.Invoicing> invoicing = root.containsKey("invoicing")
                ? Optional.ofNullable(invoicing(map("invoicing", root.get("invoicing"))))
                : Optional.empty();
        return new OutputPolicy(headers, bankPayouts, invoicing);
    }

    private static final Set<String> ITEM_KEYS = Set.of("default", "COMPUTE", "SECURITY", "DATABASE", "STORAGE", "NETWORK",
            "OTHER", "CLAWBACK", "PENALTY");

    private OutputPolicy.Invoicing invoicing(Map<String, Object> section) {
        known("invoicing", section, Set.of("amounts_include_tax", "tax_rate", "invoice_type", "special_vat_accounts",
                "items", "note"));
        Object includeTax = section.get("amounts_include_tax");
        boolean amountsIncludeTax = true;
        if (includeTax == null) {
            problems.add("invoicing.amounts_include_tax is required (true or false: 是否含税)");
        } else if (includeTax instanceof Boolean flag) {
            amountsIncludeTax = flag;
        } else {
            problems.add("invoicing.amounts_include_tax '" + includeTax + "' is not true or false");
        }
        java.math.BigDecimal taxRate = null;
        String rateText = required("invoicing.tax_rate", section.get("tax_rate"), 8);
        if (rateText != null) {
            try {
                taxRate = new java.math.BigDecimal(rateText);
                if (taxRate.signum() < 0 || taxRate.compareTo(java.math.BigDecimal.ONE) >= 0) {
                    problems.add("invoicing.tax_rate " + rateText + " is not a decimal rate such as 0.06");
                }
            } catch (NumberFormatException e) {
                problems.add("invoicing.tax_rate '" + rateText + "' is not a number");
            }
        }
        String invoiceType = section.containsKey("invoice_type")
                ? text(section.get("invoice_type")) : OutputPolicy.Invoicing.ORDINARY;
        if (!invoiceType.equals(OutputPolicy.Invoicing.ORDINARY) && !invoiceType.equals(OutputPolicy.Invoicing.SPECIAL)) {
            problems.add("invoicing.invoice_type: unknown value '" + invoiceType + "' (expected 普通发票 or 增值税专用发票)");
        }
        Set<String> special = new LinkedHashSet<>();
        for (Object account : list("invoicing.special_vat_accounts", section.get("special_vat_accounts"))) {
            special.add(text(account));
        }
        Map<String, OutputPolicy.Item> items = new LinkedHashMap<>();
        Map<String, Object> itemSection = map("invoicing.items", section.get("items"));
        if (itemSection.isEmpty()) {
            problems.add("invoicing.items needs an item (name and tax classification code) per category, or a default");
        }
        itemSection.forEach((key, value) -> {
            String path = "invoicing.items." + key;
            String name = key.equalsIgnoreCase("default") ? "default" : key.toUpperCase(Locale.ROOT);
            if (!ITEM_KEYS.contains(name)) {
                problems.add(path + " is not a category, CLAWBACK, PENALTY or default");
                return;
            }
            Map<String, Object> item = map(path, value);
            known(path, item, Set.of("name", "code"));
            String itemName = required(path + ".name", item.get("name"), 100);
            String code = required(path + ".code", item.get("code"), 19);
            if (code != null && !code.matches("[0-9]{19}")) {
                problems.add(path + ".code '" + code + "' is not a 19-digit tax classification code (商品和服务税收分类编码)");
            }
            if (itemName != null && code != null) {
                items.put(name, new OutputPolicy.Item(itemName, code));
            }
        });
        String note = optional("invoicing.note", section.get("note"), 180);
        return taxRate == null ? null : new OutputPolicy.Invoicing(amountsIncludeTax, taxRate, invoiceType, special, items,
                note == null ? "" : note);
    }

    private BankPayouts bankPayouts(Map<String, Object> section) {
        known("bank_payouts", section, Set.of("initiating_party", "debtors"));
        Map<String, Object> initiating = map("bank_payouts.initiating_party", section.get("initiating_party"));
        known("bank_payouts.initiating_party", initiating, Set.of("name", "id"));
        String name = required("bank_payouts.initiating_party.name", initiating.get("name"), 140);
        String id = optional("bank_payouts.initiating_party.id", initiating.get("id"), 35);
        List<Debtor> debtors = new ArrayList<>();
        List<Object> rows = list("bank_payouts.debtors", section.get("debtors"));
        if (rows.isEmpty()) {
            problems.add("bank_payouts.debtors needs at least one debtor account");
        }
        Set<String> covered = new LinkedHashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            String path = "bank_payouts.debtors[" + i + "]";
            Map<String, Object> row = map(path, rows.get(i));
            known(path, row, Set.of("name", "account", "currency", "payee_types"));
            String debtorName = required(path + ".name", row.get("name"), 140);
            String accountText = required(path + ".account", row.get("account"), 70);
            Optional<BankAccount> account = BankAccount.parse(accountText);
            if (accountText != null && (account.isEmpty() || !account.get().bankTransfer())) {
                problems.add(path + ".account '" + accountText + "' is not a bank account (IBAN, or a bank code and"
                        + " an account number such as 'ICBC 1202 0211 0900 0000 88')");
            }
            String currency = required(path + ".currency", row.get("currency"), 3);
            if (currency != null && !currency.matches("[A-Z]{3}")) {
                problems.add(path + ".currency '" + currency + "' is not an ISO 4217 code such as CNY");
            }
            Set<String> types = new LinkedHashSet<>();
            List<Object> typeList = list(path + ".payee_types", row.get("payee_types"));
            if (typeList.isEmpty()) {
                problems.add(path + ".payee_types is required (GROUP and/or AMBASSADOR)");
            }
            for (Object type : typeList) {
                String value = text(type).toUpperCase(Locale.ROOT);
                if (!PAYEE_TYPES.contains(value)) {
                    problems.add(path + ".payee_types: unknown value '" + type + "' (expected one of GROUP, AMBASSADOR)");
                } else if (!covered.add(value)) {
                    problems.add(path + ".payee_types: " + value + " is paid by an earlier debtor already");
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

    // ---- typed access, each recording a problem instead of throwing ----

    private void known(String path, Map<String, Object> section, Set<String> keys) {
        for (String key : section.keySet()) {
            if (!keys.contains(key)) {
                problems.add(path + "." + key + " is not a known key (expected " + String.join(", ", keys.stream().sorted().toList()) + ")");
            }
        }
    }

    private String required(String path, Object value, int maxLength) {
        String text = optional(path, value, maxLength);
        if (text == null) {
            problems.add(path + " is required");
        }
        return text;
    }

    private String optional(String path, Object value, int maxLength) {
        if (value == null || text(value).isEmpty()) {
            return null;
        }
        String text = text(value);
        if (text.length() > maxLength) {
            problems.add(path + " is longer than " + maxLength + " characters");
        }
        return text;
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value).strip();
    }

    private Map<String, Object> map(String path, Object value) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), v));
            return copy;
        }
        problems.add(path + " must be a mapping");
        return Map.of();
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(String path, Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> l) {
            return (List<Object>) l;
        }
        problems.add(path + " must be a list");
        return List.of();
    }
}
