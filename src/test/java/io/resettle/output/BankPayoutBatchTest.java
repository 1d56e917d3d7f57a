package io.resettle.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.prowidesoftware.swift.model.mx.MxPain00100109;
import io.resettle.policy.BankAccount;
import io.resettle.policy.OutputPolicy.BankPayouts;
import io.resettle.policy.OutputPolicy.Debtor;
import io.resettle.policy.OutputPolicy.Party;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pain.001.001.09 from payouts.csv: valid against the model's schema, read back by Prowide, amounts to the cent. */
class BankPayoutBatchTest {

    @TempDir
    Path folder;

    private static final BankPayouts POLICY = new BankPayouts(new Party("杭州云途信息科技有限公司", "91330106MA2CLOUD8X"),
            List.of(new Debtor("云途 & 伙伴", BankAccount.parse("ICBC 1202 0211 0900 0066 88").orElseThrow(), "CNY",
                            Set.of("GROUP")),
                    new Debtor("云途 佣金户", BankAccount.parse("CMBCCNBS 7559 0000 0077").orElseThrow(), "CNY",
                            Set.of("AMBASSADOR"))));

    private Path payouts() throws Exception {
        return Files.writeString(folder.resolve("payouts.csv"), """
                payout_id,payee_type,payee_id,payee_name,payout_account,gross,tax_withheld,net,currency,item_count,status
                PO-2026-09-AMBASSADOR-AMB1,AMBASSADOR,AMB1,周敏,ALIPAY 2088 1000 0000 0001,600.00,0.00,600.00,CNY,1,PAY
                PO-2026-09-AMBASSADOR-AMB2,AMBASSADOR,AMB2,杭州星桥信息技术有限公司,CCB 3305 0161 0000 0000 0002,1500.00,0.00,1500.00,CNY,1,PAY
                PO-2026-09-AMBASSADOR-AMB4,AMBASSADOR,AMB4,Anna <Müller>,IBAN DE89 3704 0044 0532 0130 00,6000.00,880.00,5120.00,CNY,1,PAY
                PO-2026-09-GROUP-G-HY,GROUP,G-HY,海悦科技,CMB 7559 0000 0020 01,90.00,0.00,90.00,CNY,1,HELD
                PO-2026-09-GROUP-G-LX,GROUP,G-LX,'=联信控股集团有限公司,ICBC 1202 0200 0900 0010 01,314.00,0.00,314.01,CNY,1,PAY
                PO-2026-09-GROUP-G-QM,GROUP,G-QM,青木,BANK?,10.00,0.00,10.00,CNY,1,PAY
                PO-2026-09-GROUP-G-US,GROUP,G-US,Acme,ICBC 1,10.00,0.00,10.00,USD,1,PAY
                """);
    }

    @Test
    void oneTransferPerBankPayoutToPay_onePaymentPerDebtor_validAndReadBackByProwide() throws Exception {
        BankPayoutBatch.Written written = new BankPayoutBatch(folder, YearMonth.of(2026, 9), 2).write(payouts(), POLICY);
        assertThat(written.name()).isEqualTo("payouts-2026-09-r2.pain.001.xml");
        assertThat(written.transactions()).isEqualTo(3);
        assertThat(written.controlSum()).isEqualByComparingTo("6934.01");
        assertThat(written.leftOut()).containsExactly(
                "PO-2026-09-AMBASSADOR-AMB1: paid by Alipay, not by bank transfer",
                "PO-2026-09-GROUP-G-QM: payout_account 'BANK?' is none of IBAN, '<bank> <number>' or 'ALIPAY <account>'",
                "PO-2026-09-GROUP-G-US: currency USD is not the debtor account's CNY");
        String xml = Files.readString(written.file().orElseThrow());
        Pain001Check.validate(xml);

        MxPain00100109 message = Pain001Check.parse(xml);
        var initiation = message.getCstmrCdtTrfInitn();
        assertThat(initiation.getGrpHdr().getMsgId()).isEqualTo("RESETTLE-2026-09-R2");
        assertThat(initiation.getGrpHdr().getCreDtTm().toString()).startsWith("2026-10-01T00:00");
        assertThat(initiation.getGrpHdr().getNbOfTxs()).isEqualTo("3");
        assertThat(initiation.getGrpHdr().getCtrlSum()).isEqualByComparingTo("6934.01");
        assertThat(initiation.getGrpHdr().getInitgPty().getNm()).isEqualTo("杭州云途信息科技有限公司");
        assertThat(initiation.getPmtInf()).hasSize(2);
        var groups = initiation.getPmtInf().get(0);
        assertThat(groups.getPmtMtd()).isEqualTo(com.prowidesoftware.swift.model.mx.dic.PaymentMethod3Code.TRF);
        assertThat(groups.getDbtr().getNm()).isEqualTo("云途 & 伙伴");
        assertThat(groups.getDbtrAcct().getId().getOthr().getId()).isEqualTo("1202021109000066 88".replace(" ", ""));
        assertThat(groups.getDbtrAgt().getFinInstnId().getOthr().getId()).isEqualTo("ICBC");
        assertThat(groups.getReqdExctnDt().getDt().toString()).isEqualTo("2026-10-01");
        assertThat(groups.getCdtTrfTxInf()).singleElement().satisfies(transfer -> {
            assertThat(transfer.getPmtId().getEndToEndId()).isEqualTo("PO-2026-09-GROUP-G-LX");
            assertThat(transfer.getAmt().getInstdAmt().getValue()).isEqualByComparingTo("314.01");
            assertThat(transfer.getAmt().getInstdAmt().getCcy()).isEqualTo("CNY");
            assertThat(transfer.getCdtr().getNm()).as("without the CSV's formula guard").isEqualTo("=联信控股集团有限公司");
            assertThat(transfer.getCdtrAcct().getId().getOthr().getId()).isEqualTo("12020200090000100" + "1");
        });
        var ambassadors = initiation.getPmtInf().get(1);
        assertThat(ambassadors.getDbtrAgt().getFinInstnId().getBICFI()).isEqualTo("CMBCCNBS");
        assertThat(ambassadors.getNbOfTxs()).isEqualTo("2");
        assertThat(ambassadors.getCtrlSum()).isEqualByComparingTo("6620.00");
        assertThat(ambassadors.getCdtTrfTxInf()).extracting(t -> t.getPmtId().getEndToEndId())
                .containsExactly("PO-2026-09-AMBASSADOR-AMB2", "PO-2026-09-AMBASSADOR-AMB4");
        assertThat(ambassadors.getCdtTrfTxInf().get(1).getCdtrAcct().getId().getIBAN()).isEqualTo("DE89370400440532013000");
        assertThat(ambassadors.getCdtTrfTxInf().get(1).getCdtr().getNm()).isEqualTo("Anna <Müller>");

        byte[] first = Files.readAllBytes(written.file().get());
        new BankPayoutBatch(folder, YearMonth.of(2026, 9), 2).write(payouts(), POLICY);
        assertThat(Files.readAllBytes(written.file().get())).as("the same bytes when written again").isEqualTo(first);
    }

    @Test
    void theSchemaCheckRefusesAMisplacedOrMissingElement() throws Exception {
        String xml = Files.readString(new BankPayoutBatch(folder, YearMonth.of(2026, 9), 1).write(payouts(), POLICY)
                .file().orElseThrow());
        assertThatThrownBy(() -> Pain001Check.validate(xml.replace("EndToEndId>", "EndToEndID>")))
                .hasMessageContaining("EndToEndID");
        assertThatThrownBy(() -> Pain001Check.validate(xml.replaceFirst("(?s)(<PmtMtd>TRF</PmtMtd>\\s*)(<NbOfTxs>[0-9]+</NbOfTxs>\\s*)",
                "$2$1"))).as("out of order").hasMessageContaining("NbOfTxs");
        assertThatThrownBy(() -> Pain001Check.validate(xml.replaceFirst("(?s)<NbOfTxs>3</NbOfTxs>\\s*", "")))
                .hasMessageContaining("NbOfTxs");
    }

    @Test
    void noFileWithoutABankTransfer() throws Exception {
        Path csv = Files.writeString(folder.resolve("payouts.csv"), """
                payout_id,payee_type,payee_id,payee_name,payout_account,gross,tax_withheld,net,currency,item_count,status
                PO-2026-09-AMBASSADOR-AMB1,AMBASSADOR,AMB1,周敏,ALIPAY 2088 1000 0000 0001,600.00,0.00,600.00,CNY,1,PAY
                """);
        BankPayoutBatch.Written written = new BankPayoutBatch(folder, YearMonth.of(2026, 9), 1).write(csv, POLICY);
        assertThat(written.file()).isEmpty();
        assertThat(folder.resolve(written.name())).doesNotExist();
    }
}
