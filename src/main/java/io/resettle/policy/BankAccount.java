package io.resettle.policy;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A payout account as groups.csv, ambassadors.csv and the policy's debtor accounts write it:
 * {@code IBAN DE89 3704 0044 0532 0130 00} (or the IBAN alone), {@code <bank> <account number>}
 * such as {@code ICBC 1202 0200 0900 0010 01} (the bank by its code, or its BIC), or
 * {@code ALIPAY <account>}, which is not a bank transfer. Spaces inside the number are dropped.
 *
 * @param bank   the bank identifier of a local account (a BIC when {@link #bankIsBic()}), else empty
 * @param number the IBAN, the local account number or the Alipay account, without spaces
 */
public record BankAccount(Kind kind, String bank, String number) {

    public enum Kind {
        IBAN, LOCAL, ALIPAY
    }

    private static final Pattern IBAN = Pattern.compile("[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}");
    private static final Pattern BANK = Pattern.compile("[A-Z][A-Z0-9]{1,10}");
    private static final Pattern BIC = Pattern.compile("[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?");
    private static final Pattern NUMBER = Pattern.compile("[0-9A-Z-]{1,34}");

    /** The account, or empty with no reason when the text is none of the forms above. */
    public static Optional<BankAccount> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String[] words = text.strip().toUpperCase(Locale.ROOT).split("\\s+", 2);
        String rest = words.length > 1 ? words[1].replaceAll("\\s+", "") : "";
        if (words[0].equals("ALIPAY")) {
            return rest.isEmpty() ? Optional.empty() : Optional.of(new BankAccount(Kind.ALIPAY, "", rest));
        }
        String whole = text.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", "");
        if (words[0].equals("IBAN")) {
            return validIban(rest) ? Optional.of(new BankAccount(Kind.IBAN, "", rest)) : Optional.empty();
        }
        if (IBAN.matcher(whole).matches()) {
            // shaped like an IBAN: one with wrong check digits is a typo, not a local account
            return validIban(whole) ? Optional.of(new BankAccount(Kind.IBAN, "", whole)) : Optional.empty();
        }
        if (BANK.matcher(words[0]).matches() && NUMBER.matcher(rest).matches()) {
            return Optional.of(new BankAccount(Kind.LOCAL, words[0], rest));
        }
        return Optional.empty();
    }

    public boolean bankTransfer() {
        return kind != Kind.ALIPAY;
    }

    public boolean bankIsBic() {
        return kind == Kind.LOCAL && BIC.matcher(bank).matches();
    }

    /** ISO 13616: the four first characters moved to the end, letters as 10-35, the number mod 97 is 1. */
    static boolean validIban(String iban) {
        if (!IBAN.matcher(iban).matches()) {
            return false;
        }
        String moved = iban.substring(4) + iban.substring(0, 4);
        StringBuilder digits = new StringBuilder();
        for (char c : moved.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }
}
