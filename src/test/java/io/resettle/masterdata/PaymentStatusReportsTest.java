package io.resettle.masterdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.prowidesoftware.swift.model.mx.MxPain00200103;
import com.prowidesoftware.swift.model.mx.MxPain00200110;
import io.resettle.masterdata.PeriodStatements.PayoutReturn;
import io.resettle.masterdata.PeriodStatements.PayoutReturn.Status;
import io.resettle.support.DataSets;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.SchemaOutputResolver;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, R12.4: pain.002 payment status reports read as payout returns. The fixtures
 * (src/test/resources/pain002, each saying what it shows) are checked to be real pain.002 documents:
 * valid against the schema of Prowide's model of the version, and read by Prowide to the same statuses.
 */
class PaymentStatusReportsTest {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);

    @TempDir
    Path data;

    private final List<String> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private static String fixture(String name) {
        return DataSets.read(Path.of("src/test/resources/pain002").resolve(name));
    }

    private List<PayoutReturn> read(String name, String xml) throws Exception {
        Path file = data.resolve(name);
        Files.writeString(file, xml);
        return PaymentStatusReports.readFile(file, "statements/2026-10/" + name, problems, notes);
    }

    private static PayoutReturn ret(String source, String payoutId, Status status, String amount, LocalDateTime paidAt) {
        return new PayoutReturn(payoutId, status, amount == null ? null : new BigDecimal(amount), paidAt, source);
    }

    @Test
    void theFixturesAreValidPain002DocumentsThatProwideReadsToTheSameStatuses() throws Exception {
        for (String name : List.of("icbc-20261009.pain.002.xml", "pending.pain.002.xml")) {
            String xml = fixture(name);
            validate(xml, MxPain00200110._classes, MxPain00200110.NAMESPACE);
            var report = MxPain00200110.parse(xml).getCstmrPmtStsRpt();
            List<String> prowide = report.getOrgnlPmtInfAndSts().stream().flatMap(p -> p.getTxInfAndSts().stream())
                    .filter(t -> List.of("ACCC", "ACSC", "ACSP", "RJCT", "CANC").contains(t.getTxSts()))
                    .map(t -> t.getOrgnlEndToEndId() + " " + (t.getTxSts().equals("RJCT") || t.getTxSts().equals("CANC")
                            ? "FAILED" : "PAID") + " " + (t.getOrgnlTxRef() == null ? null
                            : t.getOrgnlTxRef().getAmt().getInstdAmt().getValue().toPlainString())).toList();
            List<String> ours = new ArrayList<>();
            read(name, xml).forEach(r -> ours.add(r.payoutId() + " " + r.status() + " "
                    + (r.amount() == null ? null : r.amount().toPlainString())));
            assertThat(ours).as(name).isEqualTo(prowide);
        }
        String v03 = fixture("v03.pain.002.xml");
        validate(v03, MxPain00200103._classes, MxPain00200103.NAMESPACE);
        assertThat(MxPain00200103.parse(v03).getCstmrPmtStsRpt().getOrgnlPmtInfAndSts().get(0).getTxInfAndSts().get(0)
                .getTxSts().name()).isEqualTo("RJCT");
        assertThat(problems).isEmpty();
    }

    @Test
    void accepted_andRejected_areTheReturnsACsvRowWouldBe() throws Exception {
        String name = "icbc-20261009.pain.002.xml";
        assertThat(read(name, fixture(name))).containsExactly(
                ret("statements/2026-10/" + name + " transaction 1 (PO-2026-09-AMBASSADOR-AMB2)",
                        "PO-2026-09-AMBASSADOR-AMB2", Status.FAILED, "1500.00", null),
                // No OrgnlTxRef/Amt: the payout's net, matched at settle; AccptncDtTm in UTC.
                ret("statements/2026-10/" + name + " transaction 2 (PO-2026-09-GROUP-G-LX)",
                        "PO-2026-09-GROUP-G-LX", Status.PAID, null, LocalDateTime.parse("2026-10-08T02:00:00")));
        assertThat(problems).isEmpty();
        assertThat(notes).containsExactly("statements/2026-10/" + name + " (pain.002.001.10 ICBC-PSR-20261009-0001 on"
                + " RESETTLE-2026-09-R1): 2 transaction status(es), 1 PAID and 1 FAILED read as payout returns");
    }

    @Test
    void pendingStatuses_areNotReturnsButNoted() throws Exception {
        String name = "pending.pain.002.xml";
        String file = "statements/2026-10/" + name;
        assertThat(read(name, fixture(name))).containsExactly(
                ret(file + " transaction 1 (PO-A)", "PO-A", Status.PAID, "250.00", LocalDateTime.parse("2026-10-04T08:30:00")),
                ret(file + " transaction 2 (PO-B)", "PO-B", Status.PAID, null, LocalDateTime.parse("2026-10-05T09:00:00")),
                ret(file + " transaction 5 (PO-E)", "PO-E", Status.FAILED, "75.50", null));
        assertThat(problems).isEmpty();
        assertThat(notes).containsExactly(
                file + " transaction 3 (PO-C): PDNG is not a final status; not a payout return (a later report gives it)",
                file + " transaction 4 (PO-D): ACTC is not a final status; not a payout return (a later report gives it)",
                file + " (pain.002.001.10 BANK-PSR-2 on RESETTLE-2026-09-R1): 5 transaction status(es), 2 PAID and 1"
                        + " FAILED read as payout returns, 2 pending not read");
    }

    @Test
    void version03_isReadAsWell() throws Exception {
        assertThat(read("v03.pain.002.xml", fixture("v03.pain.002.xml"))).extracting(PayoutReturn::payoutId,
                PayoutReturn::status, PayoutReturn::amount).containsExactly(
                org.assertj.core.groups.Tuple.tuple("PO-A", Status.FAILED, new BigDecimal("250.00")));
        assertThat(problems).isEmpty();
    }

    @Test
    void malformedXml_namesTheFileLineAndColumn() throws Exception {
        String truncated = fixture("pending.pain.002.xml").replace("</TxSts>\n        <StsRsnInf>", "\n        <StsRsnInf>");
        assertThat(read("bank.xml", truncated)).isEmpty();
        // The JDK's parser says where it noticed: the end tag of the element around the unclosed one.
        assertThat(problems).containsExactly("statements/2026-10/bank.xml line 53 column 9: not well-formed XML (The"
                + " element type \"TxSts\" must be terminated by the matching end-tag \"</TxSts>\".)");
    }

    @Test
    void anUnknownVersionOrMessage_isRefusedNamingWhatItIs() throws Exception {
        read("new.xml", fixture("pending.pain.002.xml").replace("pain.002.001.10", "pain.002.001.99"));
        read("camt.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn/></Document>
                """);
        read("plain.xml", fixture("pending.pain.002.xml").replace(" xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.002.001.10\"", ""));
        assertThat(problems).containsExactly(
                "statements/2026-10/new.xml: not a pain.002 payment status report (root Document in namespace"
                        + " 'urn:iso:std:iso:20022:tech:xsd:pain.002.001.99'); an .xml file in statements/ must be a"
                        + " Document/CstmrPmtStsRpt of pain.002.001.03 to pain.002.001.14",
                "statements/2026-10/camt.xml: not a pain.002 payment status report (root Document in namespace"
                        + " 'urn:iso:std:iso:20022:tech:xsd:camt.054.001.08'); an .xml file in statements/ must be a"
                        + " Document/CstmrPmtStsRpt of pain.002.001.03 to pain.002.001.14",
                "statements/2026-10/plain.xml: not a pain.002 payment status report (root Document in namespace"
                        + " ''); an .xml file in statements/ must be a Document/CstmrPmtStsRpt of pain.002.001.03 to"
                        + " pain.002.001.14");
    }

    @Test
    void badTransactions_areNamedByFileNumberAndPayoutId() throws Exception {
        String xml = fixture("pending.pain.002.xml").replace("<TxSts>PDNG</TxSts>", "<TxSts>DONE</TxSts>")
                .replace("<OrgnlEndToEndId>PO-D</OrgnlEndToEndId>", "")
                .replace("<InstdAmt Ccy=\"CNY\">75.50</InstdAmt>", "<InstdAmt Ccy=\"CNY\">75,50</InstdAmt>")
                .replace("2026-10-04T16:30:00+08:00", "yesterday");
        assertThat(read("bank.pain.002.xml", xml)).extracting(PayoutReturn::payoutId).containsExactly("PO-B");
        String file = "statements/2026-10/bank.pain.002.xml";
        assertThat(problems).containsExactly(
                file + " transaction 1 (PO-A): AccptncDtTm 'yesterday' is not a date or time",
                file + " transaction 3 (PO-C): TxSts 'DONE' is not an ISO 20022 payment status (final: ACCC, ACSC,"
                        + " ACSP, CANC, RJCT; pending: ACCP, ACFC, ACIS, ACPD, ACTC, ACWC, ACWP, BLCK, PART, PATC, PDNG,"
                        + " PRES, RCVD)",
                file + " transaction 4: OrgnlEndToEndId is missing (it is the payout id)",
                file + " transaction 5 (PO-E): OrgnlTxRef amount '75,50' is not an amount");
    }

    @Test
    void aWholeBatchRejectedWithoutItsTransactions_isRefused_anAcceptedOneNoted() throws Exception {
        String rejected = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10"><CstmrPmtStsRpt>
                <GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-10-02T08:00:00</CreDtTm></GrpHdr>
                <OrgnlGrpInfAndSts><OrgnlMsgId>RESETTLE-2026-09-R1</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId>
                <GrpSts>RJCT</GrpSts></OrgnlGrpInfAndSts></CstmrPmtStsRpt></Document>
                """;
        validate(rejected, MxPain00200110._classes, MxPain00200110.NAMESPACE);
        read("rejected.xml", rejected);
        read("accepted.xml", rejected.replace("RJCT", "ACCP"));
        assertThat(problems).containsExactly("statements/2026-10/rejected.xml: RJCT for the whole message"
                + " RESETTLE-2026-09-R1 without naming its transactions; Resettle cannot tell which payouts failed:"
                + " list them in payout-returns.csv");
        assertThat(notes).containsExactly("statements/2026-10/accepted.xml: ACCP for the whole message"
                        + " RESETTLE-2026-09-R1, no transaction named; nothing read as a payout return",
                "statements/2026-10/accepted.xml (pain.002.001.10 M1 on RESETTLE-2026-09-R1): 0 transaction status(es),"
                        + " 0 PAID and 0 FAILED read as payout returns");
    }

    // PeriodStatements: the reports beside payout-returns.csv.

    private static final String REPORT = "statements/2026-10/icbc-20261009.pain.002.xml";

    private void statements(String csv) throws Exception {
        Path folder = Files.createDirectories(data.resolve("statements/2026-10"));
        if (csv != null) {
            Files.writeString(folder.resolve("payout-returns.csv"), "payout_id,status,amount,paid_at\n" + csv);
        }
        Files.writeString(folder.resolve("icbc-20261009.pain.002.xml"), fixture("icbc-20261009.pain.002.xml"));
    }

    @Test
    void aReportsReturnsAreStoredAsCsvRowsAre() throws Exception {
        statements(null);
        PeriodStatements read = PeriodStatements.read(data, OCTOBER);
        assertThat(read.payoutReturns()).containsExactly(
                ret(REPORT + " transaction 1 (PO-2026-09-AMBASSADOR-AMB2)", "PO-2026-09-AMBASSADOR-AMB2", Status.FAILED,
                        "1500.00", null),
                ret(REPORT + " transaction 2 (PO-2026-09-GROUP-G-LX)", "PO-2026-09-GROUP-G-LX", Status.PAID, null,
                        LocalDateTime.parse("2026-10-08T02:00:00")));
        assertThat(read.notes()).hasSize(1);
    }

    @Test
    void aPayoutInTheCsvAndAReport_withTheSameResult_countsOnce() throws Exception {
        statements("PO-2026-09-AMBASSADOR-AMB2,FAILED,1500.00,\nPO-2026-09-GROUP-G-LX,PAID,314.00,2026-10-08T10:00:00\n");
        PeriodStatements read = PeriodStatements.read(data, OCTOBER);
        String csv = "statements/2026-10/payout-returns.csv";
        assertThat(read.payoutReturns()).containsExactly(
                ret(csv + " row 1 (PO-2026-09-AMBASSADOR-AMB2)", "PO-2026-09-AMBASSADOR-AMB2", Status.FAILED, "1500.00",
                        null),
                ret(csv + " row 2 (PO-2026-09-GROUP-G-LX)", "PO-2026-09-GROUP-G-LX", Status.PAID, "314.00",
                        LocalDateTime.parse("2026-10-08T10:00:00")));
        assertThat(read.notes()).contains(
                REPORT + " transaction 1 (PO-2026-09-AMBASSADOR-AMB2): the same return as " + csv
                        + " row 1 (PO-2026-09-AMBASSADOR-AMB2); counted once",
                REPORT + " transaction 2 (PO-2026-09-GROUP-G-LX): the same return as " + csv
                        + " row 2 (PO-2026-09-GROUP-G-LX); counted once");
    }

    @Test
    void aPayoutInTheCsvAndAReport_withDifferentResults_isRefusedNamingBoth() throws Exception {
        statements("PO-2026-09-AMBASSADOR-AMB2,PAID,1500.00,2026-10-09T10:00:00\n"
                + "PO-2026-09-GROUP-G-LX,PAID,341.00,2026-10-08T10:00:00\n");
        assertThatThrownBy(() -> PeriodStatements.read(data, OCTOBER)).isInstanceOf(DataSetException.class)
                .hasMessage("1 problem(s) in the data set:\n  - statements/2026-10/payout-returns.csv row 1"
                        + " (PO-2026-09-AMBASSADOR-AMB2) says PAID 1500.00 but " + REPORT
                        + " transaction 1 (PO-2026-09-AMBASSADOR-AMB2) says FAILED 1500.00; correct or remove one of them");
    }

    /** Against the schema generated from Prowide's JAXB model of the version (as output/Pain001Check does for pain.001). */
    private static void validate(String xml, Class<?>[] model, String namespace) throws Exception {
        Map<String, StringWriter> files = new LinkedHashMap<>();
        JAXBContext.newInstance(model).generateSchema(new SchemaOutputResolver() {
            @Override
            public javax.xml.transform.Result createOutput(String ns, String file) {
                StringWriter text = new StringWriter();
                files.put(file, text);
                StreamResult result = new StreamResult(text);
                result.setSystemId(file);
                return result;
            }
        });
        String types = files.values().stream().map(StringWriter::toString).filter(text -> text.contains("complexType"))
                .findFirst().orElseThrow();
        String merged = types.replaceFirst("<xs:schema ([^>]*)>", "<xs:schema $1 targetNamespace=\"" + namespace
                + "\" xmlns=\"" + namespace + "\" elementFormDefault=\"qualified\">\n"
                + "  <xs:element name=\"Document\" type=\"Document\"/>");
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(new StreamSource(new StringReader(merged)))
                .newValidator().validate(new StreamSource(new StringReader(xml)));
    }
}
