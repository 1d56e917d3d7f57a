package io.resettle.output;

import io.resettle.policy.BankAccount;
import io.resettle.policy.OutputPolicy.BankPayouts;
import io.resettle.policy.OutputPolicy.Debtor;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The bank payout batch of a payout run: an ISO 20022 CustomerCreditTransferInitiation,
 * pain.001.001.09, {@code payouts-<period>-r<n>.pain.001.xml}, from the revision's payouts.csv.
 * One CdtTrfTxInf per payout to pay (status PAY) whose payout account is a bank account, with
 * EndToEndId = the payout id and the net amount; one PmtInf per debtor account of the policy's
 * {@code bank_payouts}, each paying the payee types the policy gives it.
 *
 * <p>Payouts it cannot carry are left out and said so ({@link Written#leftOut()}): paid by Alipay, an
 * account in none of the known forms, no debtor for the payee type, another currency than the
 * debtor's, a payout id longer than the 35 characters of an EndToEndId.
 *
 * <p>Deterministic: CreDtTm and the requested execution date are the first moment of the month after
 * the period, never the clock; the message id names the period and revision.
 */
public final class BankPayoutBatch {

    public static final String NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";
    private static final int MAX35 = 35;

    /** @param file empty when no payout goes by bank transfer (no file is written) */
    public record Written(String name, Optional<Path> file, long transactions, BigDecimal controlSum,
            List<String> leftOut) {
    }

    private final Path folder;
    private final YearMonth period;
    private final int revision;

    public BankPayoutBatch(Path folder, YearMonth period, int revision) {
        this.folder = folder;
        this.period = period;
        this.revision = revision;
    }

    public static String name(YearMonth period, int revision) {
        return "payouts-" + period + "-r" + revision + ".pain.001.xml";
    }

    public String messageId() {
        return "RESETTLE-" + period + "-R" + revision;
    }

    /** A payout to pay by bank transfer. */
    record Transfer(String payoutId, String name, BankAccount account, BigDecimal amount, String currency) {
    }

    public Written write(Path payoutsCsv, BankPayouts policy) {
        String name = name(period, revision);
        Map<Debtor, List<Transfer>> byDebtor = new LinkedHashMap<>();
        policy.debtors().forEach(debtor -> byDebtor.put(debtor, new ArrayList<>()));
        List<String> leftOut = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(payoutsCsv, StandardCharsets.UTF_8);
                CSVParser csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            for (CSVRecord payout : csv) {
                if (!"PAY".equals(payout.get("status"))) {
                    continue;
                }
                String id = payout.get("payout_id");
                BigDecimal net = new BigDecimal(payout.get("net"));
                Optional<BankAccount> account = BankAccount.parse(payout.get("payout_account"));
                Optional<Debtor> debtor = policy.debtorFor(payout.get("payee_type"));
                String why = net.signum() <= 0 ? "net " + payout.get("net") + " is not positive"
                        : account.isEmpty() ? "payout_account '" + payout.get("payout_account") + "' is none of IBAN,"
                                + " '<bank> <number>' or 'ALIPAY <account>'"
                        : !account.get().bankTransfer() ? "paid by Alipay, not by bank transfer"
                        : debtor.isEmpty() ? "bank_payouts has no debtor for payee type " + payout.get("payee_type")
                        : !debtor.get().currency().equals(payout.get("currency")) ? "currency " + payout.get("currency")
                                + " is not the debtor account's " + debtor.get().currency()
                        : id.length() > MAX35 ? "the payout id is longer than the 35 characters of an EndToEndId"
                        : null;
                if (why != null) {
                    leftOut.add(id + ": " + why);
                    continue;
                }
                byDebtor.get(debtor.get()).add(new Transfer(id, unguarded(payout.get("payee_name")), account.get(), net,
                        payout.get("currency")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + payoutsCsv, e);
        }
        long transactions = byDebtor.values().stream().mapToLong(List::size).sum();
        BigDecimal controlSum = byDebtor.values().stream().flatMap(List::stream).map(Transfer::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        Path target = folder.resolve(name);
        if (transactions == 0) {
            try {
                Files.deleteIfExists(target);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + target, e);
            }
            return new Written(name, Optional.empty(), 0, BigDecimal.ZERO, leftOut);
        }
        Path temporary = folder.resolve("." + name + ".tmp");
        try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            out.write(new Pain001Document(period, revision, messageId()).text(policy, byDebtor, transactions, controlSum));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
        try {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
        return new Written(name, Optional.of(target), transactions, controlSum, leftOut);
    }

    /** The name as master data has it, without the {@code '} that the CSV put before a formula character. */
    private static String unguarded(String text) {
        return text.length() > 1 && text.charAt(0) == '\'' && "=+-@".indexOf(text.charAt(1)) >= 0 ? text.substring(1) : text;
    }
}
