package io.resettle.output;

import io.resettle.output.BankPayoutBatch.Transfer;
import io.resettle.policy.BankAccount;
import io.resettle.policy.OutputPolicy.BankPayouts;
import io.resettle.policy.OutputPolicy.Debtor;
import io.resettle.support.csv.CsvOutput;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * The XML of a pain.001.001.09 CustomerCreditTransferInitiation ({@link BankPayoutBatch}): group
 * header, one PmtInf per debtor account, one CdtTrfTxInf per transfer; indented two spaces a level
 * with {@code \n} line ends, so the same payouts give the same text.
 */
final class Pain001Document {

    private final YearMonth period;
    private final int revision;
    private final String messageId;

    Pain001Document(YearMonth period, int revision, String messageId) {
        this.period = period;
        this.revision = revision;
        this.messageId = messageId;
    }

    /** The document paying {@code byDebtor}: one PmtInf per debtor account with transfers, in the policy's order. */
    String text(BankPayouts policy, Map<Debtor, List<Transfer>> byDebtor, long transactions,
            BigDecimal controlSum) {
        String paymentDay = period.plusMonths(1).atDay(1).toString();
        Xml xml = new Xml();
        xml.line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        xml.open("Document xmlns=\"" + BankPayoutBatch.NAMESPACE + "\"");
        xml.open("CstmrCdtTrfInitn");
        xml.open("GrpHdr");
        xml.leaf("MsgId", messageId);
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
            xml.leaf("PmtInfId", messageId + "-" + number);
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
