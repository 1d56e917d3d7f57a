package io.resettle.output;

import java.util.Map;

/** The columns of io-contract §3 as the period workbook heads them: the contract's names, or in Chinese. */
final class ColumnNames {

    private ColumnNames() {
    }

    private static final Map<String, String> CHINESE = Map.ofEntries(
            Map.entry("invoice_id", "发票编号"), Map.entry("sub_account_id", "子账号"), Map.entry("line_id", "明细编号"),
            Map.entry("kind", "类型"), Map.entry("product_code", "产品代码"), Map.entry("category", "类别"),
            Map.entry("charge_type", "计费类型"), Map.entry("payable", "应付金额"), Map.entry("discount_rate", "折扣率"),
            Map.entry("discount", "折扣"), Map.entry("net", "净额"), Map.entry("currency", "币种"),
            Map.entry("group_id", "集团编号"), Map.entry("invoice_title", "发票抬头"), Map.entry("tax_id", "纳税人识别号"),
            Map.entry("settlement_mode", "结算方式"), Map.entry("period", "期间"), Map.entry("revision", "版本"),
            Map.entry("line_count", "明细行数"), Map.entry("previous_net", "上版净额"), Map.entry("difference", "差额"),
            Map.entry("volume", "消费额"), Map.entry("tier_from", "档位起点"), Map.entry("credit_total", "信用消费"),
            Map.entry("credit_limit", "信用额度"), Map.entry("status", "状态"), Map.entry("opening", "期初余额"),
            Map.entry("allocated", "本期划拨"), Map.entry("charged", "本期消费"), Map.entry("closing", "期末余额"),
            Map.entry("program", "返利计划"), Map.entry("direction", "方向"), Map.entry("scope_id", "范围"),
            Map.entry("ytd_volume", "年累计消费"), Map.entry("ytd_weighted_volume", "年累计加权消费"),
            Map.entry("ytd_rebate", "年累计返利"), Map.entry("accrual", "本期计提"), Map.entry("amount", "金额"),
            Map.entry("rate", "比例"), Map.entry("rebate", "返利"), Map.entry("order_id", "订单号"),
            Map.entry("ambassador_id", "云大使编号"), Map.entry("payment_time", "支付时间"),
            Map.entry("order_payable", "订单金额"), Map.entry("refunded", "退款"), Map.entry("commission", "佣金"),
            Map.entry("due_date", "到期日"), Map.entry("payout_id", "付款编号"), Map.entry("payee_type", "收款人类型"),
            Map.entry("payee_id", "收款人编号"), Map.entry("item_type", "项目类型"), Map.entry("reference", "关联编号"),
            Map.entry("due_period", "到期期间"), Map.entry("payee_name", "收款人名称"), Map.entry("payout_account", "收款账户"),
            Map.entry("gross", "应付总额"), Map.entry("tax_withheld", "代扣税"), Map.entry("item_count", "项目数"),
            Map.entry("check", "核对项"), Map.entry("key", "对象"), Map.entry("expected", "预期"), Map.entry("actual", "实际"),
            Map.entry("file", "文件"), Map.entry("row", "行号"), Map.entry("reason", "原因"), Map.entry("raw", "原始内容"));

    static String of(String column, PeriodWorkbook.Headers headers) {
        return headers == PeriodWorkbook.Headers.ZH ? CHINESE.getOrDefault(column, column) : column;
    }
}
