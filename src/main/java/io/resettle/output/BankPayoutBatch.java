package io.resettle.output;

import io.resettle.policy.BankAccount;
import io.resettle.policy.OutputPolicy.BankPayouts;
import io.resettle.policy.OutputPolicy.Debtor;
import io.resettle.support.csv.CsvOutput;
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

    private record Transfer(String payoutId, String name, BankAccount account, BigDecimal amount, String currency) {
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
            out.write(document(policy, byDebtor, transactions, controlSum));
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

    private String document(BankPayouts policy, Map<Debtor, List<Transfer>> byDebtor, long transactions,
            BigDecimal controlSum) {
        String paymentDay = period.plusMonths(1).atDay(1).toString();
        Xml xml = new Xml();
        xml.line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        xml.open("Document xmlns=\"" + NAMESPACE + "\"");
        xml.open("CstmrCdtTrfInitn");
        xml.open("GrpHdr");
        xml.leaf("MsgId", messageId());
        xml.leaf("CreDtTm", paymentDay + "T00:00:00");
        xml.leaf("NbOfTxs", String.valueOf(transactions));
        xml.leaf("CtrlSum", CsvOutput.money(controlSum));
        xml.open("InitgPty");
        xml.leaf("Nm", policy.initiatingParty().name());
        if (!policy.initiatingParty().id().isEmpty()) {
            xml.open("Id");
            xml.open("OrgId");
            xml.open("Othr");
            xml.leaf("Id", policy.initiatingParty().id());
            xml.close("Othr");
            xml.close("OrgId");
            xml.close("Id");
        }
        xml.close("InitgPty");
        xml.close("GrpHdr");
        int number = 0;
        for (Map.Entry<Debtor, List<Transfer>> entry : byDebtor.entrySet()) {
            number++;
            List<Transfer> transfers = entry.getValue();
            if (transfers.isEmpty()) {
                continue;
            }
            Debtor debtor = entry.getKey();
            xml.open("PmtInf");
            xml.leaf("PmtInfId", messageId() + "-" + number);
            xml.leaf("PmtMtd", "TRF");
            xml.leaf("NbOfTxs", String.valueOf(transfers.size()));
            xml.leaf("CtrlSum", CsvOutput.money(transfers.stream().map(Transfer::amount).reduce(BigDecimal.ZERO,
                    BigDecimal::add)));
            xml.open("ReqdExctnDt");
            xml.leaf("Dt", paymentDay);
            xml.close("ReqdExctnDt");
            xml.open("Dbtr");
            xml.leaf("Nm", debtor.name());
            xml.close("Dbtr");
            account(xml, "DbtrAcct", debtor.account(), debtor.currency());
            agent(xml, "DbtrAgt", debtor.account());
            for (Transfer transfer : transfers) {
                xml.open("CdtTrfTxInf");
                xml.open("PmtId");
                xml.leaf("EndToEndId", transfer.payoutId());
                xml.close("PmtId");
                xml.open("Amt");
                xml.line("<InstdAmt Ccy=\"" + Xml.escape(transfer.currency()) + "\">" + CsvOutput.money(transfer.amount())
                        + "</InstdAmt>");
                xml.close("Amt");
                if (transfer.account().kind() == BankAccount.Kind.LOCAL) {
                    agent(xml, "CdtrAgt", transfer.account());
                }
                xml.open("Cdtr");
                xml.leaf("Nm", limit(transfer.name(), 140));
                xml.close("Cdtr");
                account(xml, "CdtrAcct", transfer.account(), null);
                xml.open("RmtInf");
                xml.leaf("Ustrd", limit("Resettle " + period + " r" + revision + " " + transfer.payoutId(), 140));
                xml.close("RmtInf");
                xml.close("CdtTrfTxInf");
            }
            xml.close("PmtInf");
        }
        xml.close("CstmrCdtTrfInitn");
        xml.close("Document");
        return xml.toString();
    }

    /** An IBAN, or a local account number under Othr. */
    private static void account(Xml xml, String element, BankAccount account, String currency) {
        xml.open(element);
        xml.open("Id");
        if (account.kind() == BankAccount.Kind.IBAN) {
            xml.leaf("IBAN", account.number());
        } else {
            xml.open("Othr");
            xml.leaf("Id", account.number());
            xml.close("Othr");
        }
        xml.close("Id");
        if (currency != null) {
            xml.leaf("Ccy", currency);
        }
        xml.close(element);
    }

    /** The bank of a local account: its BIC, or its code under Othr; an IBAN's bank is left to the IBAN. */
    private static void agent(Xml xml, String element, BankAccount account) {
        xml.open(element);
        xml.open("FinInstnId");
        if (account.bankIsBic()) {
            xml.leaf("BICFI", account.bank());
        } else if (account.kind() == BankAccount.Kind.LOCAL) {
            xml.open("Othr");
            xml.leaf("Id", account.bank());
            xml.close("Othr");
        } else {
            xml.open("Othr");
            xml.leaf("Id", "NOTPROVIDED");
            xml.close("Othr");
        }
        xml.close("FinInstnId");
        xml.close(element);
    }

    /** The name as master data has it, without the {@code '} that the CSV put before a formula character. */
    private static String unguarded(String text) {
        return text.length() > 1 && text.charAt(0) == '\'' && "=+-@".indexOf(text.charAt(1)) >= 0 ? text.substring(1) : text;
    }

    private static String limit(String text, int length) {
        return text.codePointCount(0, text.length()) <= length ? text
                : text.substring(0, text.offsetByCodePoints(0, length));
    }

    /** Indented XML, two spaces a level, {@code \n} line ends: the same text every time. */
    private static final class Xml {
        private final StringBuilder text = new StringBuilder();
        private int depth;

        void line(String line) {
            text.append("  ".repeat(depth)).append(line).append('\n');
        }

        void open(String tag) {
            line("<" + tag + ">");
            depth++;
        }

        void close(String tag) {
            depth--;
            line("</" + tag + ">");
        }

        void leaf(String tag, String value) {
            line("<" + tag + ">" + escape(value) + "</" + tag + ">");
        }

        static String escape(String value) {
            StringBuilder escaped = new StringBuilder(value.length());
            for (char c : value.toCharArray()) {
                switch (c) {
                    case '&' -> escaped.append("&amp;");
                    case '<' -> escaped.append("&lt;");
                    case '>' -> escaped.append("&gt;");
                    case '"' -> escaped.append("&quot;");
                    default -> escaped.append(c < 0x20 ? ' ' : c);
                }
            }
            return escaped.toString();
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
