package io.resettle.generate;

/** The policy file a generated data set carries: the example of io-contract §1, verbatim. */
final class PolicyExample {

    /** Written as {@code policies/2026-01.yml}. */
    static final String FILE_NAME = "2026-01.yml";

    static final String YAML = """
            currency: CNY
            categories:                      # product code -> category; unmapped: R2.3
              COMPUTE:  [ecs, swas, ecs-gpu]
              SECURITY: [waf, bastionhost, sas, ddoscoo, qiankun]
              DATABASE: [rds, polardb, redis, mongodb]
              STORAGE:  [oss, nas]
              NETWORK:  [slb, eip, cdn]
            ingest:
              max_reject_ratio: 0.01
              vendor_time_zone: Asia/Shanghai  # optional: zone of zone-less Alibaba timestamps (§2)
            discount_tables:                 # R4: group-wide monthly volume -> rate, all units
              standard:
                - {from: 0,       rates: {default: 0.00}}
                - {from: 50000,   rates: {default: 0.05, SECURITY: 0.08}}
                - {from: 200000,  rates: {default: 0.10, SECURITY: 0.13}}
                - {from: 1000000, rates: {default: 0.15, SECURITY: 0.18}}
            rebate_programs:                 # R7
              - id: channel
                scope: AGENT
                direction: RECEIVABLE
                mode: GRADUATED
                fiscal_year_start: 1
                eligible: {billing_methods: [PREPAID, POSTPAID], categories: [COMPUTE, SECURITY, DATABASE, STORAGE, NETWORK], exclude_products: []}
                weights: {SECURITY: 1.0}
                tiers:
                  - {from: 500000,  rates: {default: 0.04, SECURITY: 0.07}}
                  - {from: 2000000, rates: {default: 0.06, SECURITY: 0.10}}
                  - {from: 5000000, rates: {default: 0.08, SECURITY: 0.12}}
              - id: customer-share
                scope: GROUP
                direction: PAYABLE
                mode: RETROACTIVE
                fiscal_year_start: 1
                eligible: {billing_methods: [PREPAID], categories: [COMPUTE, SECURITY, DATABASE, STORAGE, NETWORK], exclude_products: []}
                tiers:
                  - {from: 100000, rates: {default: 0.02}}
                  - {from: 500000, rates: {default: 0.03}}
                stages:                      # R8.3, shares add up to 1
                  - {share: 0.10, due_after_months: 1,  condition: NONE}
                  - {share: 0.90, due_after_months: 12, condition: RENEWED}
            referral:                        # R9
              window_days: 30
              rate: 0.25
              hold_days: 30
              eligible_categories: [COMPUTE, SECURITY, DATABASE, STORAGE, NETWORK]
              promotional_products: []
              not_first_purchase: [domain]
              hold_ratio: 0.5
              bonus: {min_order: 500, tiers: [{from: 1, per_order: 50}, {from: 10, per_order: 100}]}
            tax:
              borne_by: PAYEE                # R10.4: PAYEE or PAYER
            """;

    private PolicyExample() {
    }
}
