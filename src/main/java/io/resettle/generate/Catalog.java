package io.resettle.generate;

import java.util.SplittableRandom;

/**
 * Fixed vocabularies of the generator: products by how they are sold, and the pieces of
 * customer names. Products are the codes of the policy's category map (io-contract §1) plus
 * {@code domain}, which the map leaves unmapped (category OTHER, R2.3) and which the referral
 * rules ignore for first purchases (R9.2).
 */
final class Catalog {

    /** Products bought as Subscription orders, with relative weights. */
    static final Weighted SUBSCRIPTION_PRODUCTS = new Weighted(
            new String[] {"ecs", "rds", "waf", "polardb", "redis", "slb", "eip", "nas", "bastionhost", "sas",
                "ddoscoo", "qiankun", "mongodb", "swas", "ecs-gpu", "oss", "domain"},
            new int[] {30, 12, 8, 6, 6, 5, 4, 4, 3, 4, 3, 2, 3, 4, 3, 2, 1});

    /** Products billed PayAsYouGo, with relative weights. */
    static final Weighted PAY_AS_YOU_GO_PRODUCTS = new Weighted(
            new String[] {"ecs", "oss", "cdn", "slb", "eip", "rds", "nas", "polardb", "redis", "ecs-gpu", "waf"},
            new int[] {25, 20, 15, 8, 10, 6, 5, 3, 3, 3, 2});

    static final String[] CITIES = {"杭州", "上海", "北京", "深圳", "广州", "成都", "南京", "武汉", "苏州", "西安"};

    static final String[] BRANDS = {"云启", "数智", "星河", "远航", "天工", "锦程", "青禾", "蓝海", "极光", "恒信"};

    /** Latin slugs of {@link #BRANDS}, same order, for sub-account names. */
    static final String[] BRAND_SLUGS = {"yunqi", "shuzhi", "xinghe", "yuanhang", "tiangong", "jincheng", "qinghe",
        "lanhai", "jiguang", "hengxin"};

    static final String[] SUFFIXES = {"科技有限公司", "网络科技有限公司", "信息技术有限公司", "电子商务有限公司"};

    /** Some customers have Latin names with commas and quotes, which exercise RFC 4180 quoting. */
    static final String[] LATIN_NAMES = {"Blue Harbor Trading, Ltd.", "\"Nova\" Digital Co.", "Summit Analytics, Inc.",
        "Red Pine Games Ltd."};

    static final String[] LATIN_SLUGS = {"blueharbor", "nova", "summit", "redpine"};

    static final String[] ENVIRONMENTS = {"prod", "test", "dev", "data"};

    static final String[] PERSON_NAMES = {"张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强"};

    /** Characters of a unified social credit code (no I, O, S, V, Z). */
    private static final String CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Catalog() {
    }

    /** An 18-character unified social credit code (统一社会信用代码) shape; not checksum-valid. */
    static String taxId(SplittableRandom random) {
        StringBuilder id = new StringBuilder(18).append("91").append(330100 + random.nextInt(100) * 100);
        for (int i = 0; i < 10; i++) {
            id.append(CREDIT_CODE_CHARS.charAt(random.nextInt(CREDIT_CODE_CHARS.length())));
        }
        return id.toString();
    }

    /** A 64-digit hex string shaped like a SHA-256 identity hash. */
    static String hash(SplittableRandom random) {
        char[] out = new char[64];
        for (int i = 0; i < out.length; i++) {
            out[i] = HEX[random.nextInt(16)];
        }
        return new String(out);
    }

    /** A string of {@code length} random digits. */
    static String digits(SplittableRandom random, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = (char) ('0' + random.nextInt(10));
        }
        return new String(out);
    }

    /** Values with integer weights, picked in proportion to them. */
    static final class Weighted {

        private final String[] values;
        private final int[] cumulative;

        Weighted(String[] values, int[] weights) {
            if (values.length != weights.length || values.length == 0) {
                throw new IllegalArgumentException("one weight per value");
            }
            this.values = values.clone();
            this.cumulative = new int[weights.length];
            int total = 0;
            for (int i = 0; i < weights.length; i++) {
                total += weights[i];
                cumulative[i] = total;
            }
        }

        int pick(SplittableRandom random) {
            int r = random.nextInt(cumulative[cumulative.length - 1]);
            int i = 0;
            while (cumulative[i] <= r) {
                i++;
            }
            return i;
        }

        String value(int index) {
            return values[index];
        }
    }
}
