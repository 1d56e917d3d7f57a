package io.resettle.masterdata;

import io.resettle.masterdata.PeriodStatements.PayoutReturn;
import io.resettle.masterdata.PeriodStatements.PayoutReturn.Status;
import io.resettle.support.csv.RowRejectedException;
import io.resettle.support.csv.Values;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * R12.4 from the bank: ISO 20022 pain.002 payment status reports (CustomerPaymentStatusReport) on the
 * pain.001 batches Resettle writes, read as payout returns (docs/formats.md, docs/decisions.md "Issue 18:
 * pain.002"). Every {@code *.xml} file of {@code statements/<period>/} must be one, of version 001.03 to
 * 001.14 (the ones Prowide models; the elements read are the same in all). OrgnlEndToEndId is the payout
 * id; ACCC, ACSC, ACSP are PAID, RJCT and CANC FAILED; the other statuses are not final and are noted,
 * not read. Problems are recorded as "file transaction N (payout id): what is wrong", as CsvFile does rows.
 */
public final class PaymentStatusReports {

    /** The namespace of pain.002 versions read here; the version is the group. */
    private static final Pattern NAMESPACE = Pattern.compile("urn:iso:std:iso:20022:tech:xsd:pain\\.002\\.001\\.(\\d\\d)");
    private static final int FIRST_VERSION = 3;
    private static final int LAST_VERSION = 14;
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,18}(\\.\\d{1,5})?");

    /** ExternalPaymentTransactionStatus1Code: final statuses, and the ones a later report settles. */
    private static final Map<String, Status> FINAL = Map.of("ACCC", Status.PAID, "ACSC", Status.PAID,
            "ACSP", Status.PAID, "RJCT", Status.FAILED, "CANC", Status.FAILED);
    private static final Set<String> PENDING = Set.of("RCVD", "PDNG", "ACTC", "ACCP", "ACFC", "ACIS", "ACPD", "ACWC",
            "ACWP", "BLCK", "PATC", "PRES", "PART");

    private PaymentStatusReports() {
    }

    /** Whether {@code statements/<period>/} reads this entry as a pain.002 report: a regular {@code *.xml} file. */
    static boolean isReport(Path entry) {
        String name = entry.getFileName().toString();
        return !name.startsWith(".") && name.toLowerCase(Locale.ROOT).endsWith(".xml") && Files.isRegularFile(entry);
    }

    /** Every report of {@code folder} in file name order; {@code prefix} names the folder in messages. */
    static List<PayoutReturn> readFolder(Path folder, String prefix, List<String> problems, List<String> notes) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> reports;
        try (Stream<Path> entries = Files.list(folder)) {
            reports = entries.filter(PaymentStatusReports::isReport).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<PayoutReturn> returns = new ArrayList<>();
        for (Path report : reports) {
            returns.addAll(readFile(report, prefix + report.getFileName(), problems, notes));
        }
        return returns;
    }

    /**
     * The returns of one report, each with its source "file transaction N (payout id)"; problems and
     * notes (pending statuses, what the file held) are added to the lists. A return's amount is null
     * when the status carries no OrgnlTxRef/Amt (the payout's net, matched at settle); a FAILED one has
     * no paid_at.
     */
    static List<PayoutReturn> readFile(Path file, String name, List<String> problems, List<String> notes) {
        Document document;
        try (InputStream in = Files.newInputStream(file)) {
            document = SafeXml.builder().parse(in);
        } catch (SAXParseException e) {
            problems.add(name + " line " + e.getLineNumber() + " column " + e.getColumnNumber() + ": not well-formed XML ("
                    + e.getMessage() + ")");
            return List.of();
        } catch (SAXException | IOException e) {
            problems.add(name + ": cannot be read as XML (" + e.getMessage() + ")");
            return List.of();
        }
        Element root = document.getDocumentElement();
        Matcher version = NAMESPACE.matcher(root.getNamespaceURI() == null ? "" : root.getNamespaceURI());
        Element report = version.matches() ? SafeXml.child(root, "CstmrPmtStsRpt") : null;
        if (!"Document".equals(root.getLocalName()) || report == null
                || Integer.parseInt(version.group(1)) < FIRST_VERSION || Integer.parseInt(version.group(1)) > LAST_VERSION) {
            problems.add(name + ": not a pain.002 payment status report (root " + root.getLocalName() + " in namespace '"
                    + (root.getNamespaceURI() == null ? "" : root.getNamespaceURI()) + "'); an .xml file in statements/"
                    + " must be a Document/CstmrPmtStsRpt of pain.002.001.03 to pain.002.001.14");
            return List.of();
        }
        return new Reader(name, "pain.002.001." + version.group(1), problems, notes).read(report);
    }

    /** The report of one file: the group header's time, then every transaction status in document order. */
    private static final class Reader {
        private final String name;
        private final String version;
        private final List<String> problems;
        private final List<String> notes;
        private final List<PayoutReturn> returns = new ArrayList<>();
        private int transactions;
        private int paid;
        private int failed;
        private int pending;

        Reader(String name, String version, List<String> problems, List<String> notes) {
            this.name = name;
            this.version = version;
            this.problems = problems;
            this.notes = notes;
        }

        List<PayoutReturn> read(Element report) {
            Element header = SafeXml.child(report, "GrpHdr");
            String messageId = SafeXml.text(header, "MsgId");
            String createdText = SafeXml.text(header, "CreDtTm");
            LocalDateTime created = createdText == null ? null : time(name + " GrpHdr", "CreDtTm", createdText);
            if (createdText == null) {
                problems.add(name + ": GrpHdr/CreDtTm is missing");
            }
            Element group = SafeXml.child(report, "OrgnlGrpInfAndSts");
            String originalMessage = SafeXml.text(group, "OrgnlMsgId");
            String groupStatus = SafeXml.text(group, "GrpSts");
            int before = problems.size();
            for (Element payment : SafeXml.children(report, "OrgnlPmtInfAndSts")) {
                String paymentStatus = SafeXml.text(payment, "PmtInfSts");
                List<Element> statuses = SafeXml.children(payment, "TxInfAndSts");
                if (statuses.isEmpty()) {
                    wholeWithoutTransactions("payment information " + SafeXml.text(payment, "OrgnlPmtInfId"),
                            paymentStatus == null ? groupStatus : paymentStatus);
                }
                for (Element status : statuses) {
                    transaction(status, paymentStatus == null ? groupStatus : paymentStatus, created);
                }
            }
            if (SafeXml.children(report, "OrgnlPmtInfAndSts").isEmpty()) {
                wholeWithoutTransactions("message " + originalMessage, groupStatus);
            }
            if (problems.size() == before) {
                notes.add(name + " (" + version + " " + messageId + " on " + originalMessage + "): " + transactions
                        + " transaction status(es), " + paid + " PAID and " + failed + " FAILED read as payout returns"
                        + (pending == 0 ? "" : ", " + pending + " pending not read"));
            }
            return returns;
        }

        /** A status for a whole message or payment information that names no transaction. */
        private void wholeWithoutTransactions(String what, String code) {
            if (code != null && FINAL.get(code) == Status.FAILED) {
                problems.add(name + ": " + code + " for the whole " + what + " without naming its transactions; Resettle"
                        + " cannot tell which payouts failed: list them in payout-returns.csv");
            } else {
                notes.add(name + ": " + (code == null ? "no status" : code) + " for the whole " + what
                        + ", no transaction named; nothing read as a payout return");
            }
        }

        private void transaction(Element status, String inherited, LocalDateTime created) {
            transactions++;
            String payoutId = SafeXml.text(status, "OrgnlEndToEndId");
            String where = name + " transaction " + transactions + (payoutId == null ? "" : " (" + payoutId + ")");
            String code = SafeXml.text(status, "TxSts") == null ? inherited : SafeXml.text(status, "TxSts");
            int before = problems.size();
            if (payoutId == null) {
                problems.add(where + ": OrgnlEndToEndId is missing (it is the payout id)");
            } else if (payoutId.equals("NOTPROVIDED")) {
                problems.add(where + ": OrgnlEndToEndId is NOTPROVIDED; Resettle's batches carry the payout id there");
            }
            if (code == null) {
                problems.add(where + ": TxSts is missing (nor does its payment information or group give a status)");
                return;
            }
            if (PENDING.contains(code)) {
                pending++;
                notes.add(where + ": " + code + " is not a final status; not a payout return (a later report gives it)");
                return;
            }
            Status result = FINAL.get(code);
            if (result == null) {
                problems.add(where + ": TxSts '" + code + "' is not an ISO 20022 payment status (final: "
                        + String.join(", ", FINAL.keySet().stream().sorted().toList()) + "; pending: "
                        + String.join(", ", PENDING.stream().sorted().toList()) + ")");
                return;
            }
            Element amountElement = amountOf(SafeXml.child(status, "OrgnlTxRef"));
            BigDecimal amount = null;
            if (amountElement != null) {
                String value = amountElement.getTextContent().strip();
                if (AMOUNT.matcher(value).matches()) {
                    amount = new BigDecimal(value);
                } else {
                    problems.add(where + ": OrgnlTxRef amount '" + value + "' is not an amount");
                }
            }
            LocalDateTime accepted = time(where, "AccptncDtTm", SafeXml.text(status, "AccptncDtTm"));
            if (problems.size() > before) {
                return;
            }
            if (result == Status.PAID) {
                paid++;
            } else {
                failed++;
            }
            returns.add(new PayoutReturn(payoutId, result, amount,
                    result == Status.FAILED ? null : accepted != null ? accepted : created, where));
        }

        /** The instructed amount, else its equivalent, else the interbank settlement amount. */
        private static Element amountOf(Element reference) {
            Element amount = SafeXml.child(reference, "Amt");
            Element instructed = SafeXml.child(amount, "InstdAmt");
            if (instructed != null) {
                return instructed;
            }
            Element equivalent = SafeXml.child(SafeXml.child(amount, "EqvtAmt"), "Amt");
            return equivalent != null ? equivalent : SafeXml.child(reference, "IntrBkSttlmAmt");
        }

        private LocalDateTime time(String where, String element, String value) {
            try {
                return Values.time(element, value);
            } catch (RowRejectedException e) {
                problems.add(where + ": " + e.getMessage());
                return null;
            }
        }
    }
}
