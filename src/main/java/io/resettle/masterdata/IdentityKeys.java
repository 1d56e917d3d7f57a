package io.resettle.masterdata;

/** Identity keys compared by the same-person rule (R9.3); {@code null} when not given. */
public record IdentityKeys(String idHash, String phoneHash, String payAccountHash, String deviceHash, String addressHash) {
}
