package io.resettle.masterdata;

import java.util.Objects;

/**
 * The hashed identity keys of an ambassador or a customer (the {@code *_hash} columns), compared
 * key by key to find a same-person (同人) order (R9.3). Blank keys are stored as {@code null}.
 */
public record IdentityKeys(String idHash, String phoneHash, String payAccountHash, String deviceHash,
        String addressHash) {

    public static final IdentityKeys NONE = new IdentityKeys(null, null, null, null, null);

    public IdentityKeys {
        idHash = blankToNull(idHash);
        phoneHash = blankToNull(phoneHash);
        payAccountHash = blankToNull(payAccountHash);
        deviceHash = blankToNull(deviceHash);
        addressHash = blankToNull(addressHash);
    }

    /** R9.3: some key equals the same key of {@code other}; an empty key never matches. */
    public boolean sharesAnyWith(IdentityKeys other) {
        return same(idHash, other.idHash) || same(phoneHash, other.phoneHash)
                || same(payAccountHash, other.payAccountHash) || same(deviceHash, other.deviceHash)
                || same(addressHash, other.addressHash);
    }

    private static boolean same(String mine, String theirs) {
        return mine != null && Objects.equals(mine, theirs);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
