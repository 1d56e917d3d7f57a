package io.resettle.billing;

/** Product category (R2.3): from the policy's product-code map, else FOCUS ServiceCategory, else OTHER. */
public enum Category {
    COMPUTE, SECURITY, DATABASE, STORAGE, NETWORK, OTHER
}
