package io.resettle.masterdata.batch;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Whether a value read back from a master-data table is the value a file now gives for it, so that
 * its row need not be written again. Only what is surely equal is: a pair of types not listed here
 * counts as different, and the row is written as before. Times are not compared: a
 * {@code java.sql.Timestamp} is read in the JVM's zone, where a wall-clock time can shift.
 */
final class StoredValues {

    private StoredValues() {
    }

    /** {@code stored}: what JDBC's getObject returned; {@code fresh}: the value the UPDATE would bind. */
    static boolean same(Object stored, Object fresh) {
        if (stored == null || fresh == null) {
            return stored == null && fresh == null;
        }
        if (fresh instanceof String text) {
            return stored instanceof String storedText && storedText.equals(text);
        }
        if (fresh instanceof BigDecimal amount) {
            // The column's scale is the column's: 100.00 and 100.0 are stored alike.
            return stored instanceof BigDecimal storedAmount && storedAmount.compareTo(amount) == 0;
        }
        if (fresh instanceof Boolean flag) {
            return stored instanceof Boolean storedFlag && storedFlag.equals(flag);
        }
        if (fresh instanceof LocalDate date) {
            return date.equals(stored instanceof java.sql.Date sqlDate ? sqlDate.toLocalDate() : stored);
        }
        return false;
    }
}
