package io.resettle.support.csv;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What an amount may be (issue 15): at most 18 integer digits and 12 decimals' worth of exponent
 * (the NUMERIC(30,12) columns that keep full input precision, R1.1), so that {@code 1E+999999999}
 * or a 25-digit amount is a BAD_NUMBER row instead of a failed period (or a billion-digit number).
 */
public final class AmountBounds {

    public static final int MAX_INTEGER_DIGITS = 18;
    /** The decimals the NUMERIC(30,12) columns keep; PostgreSQL and H2 round the rest half away from zero. */
    public static final int STORED_SCALE = 12;
    /** Beyond this many decimals the exponent is absurd; the database keeps 12 (rounding the rest). */
    private static final int MAX_SCALE = 1000;

    private AmountBounds() {
    }

    /** {@code new BigDecimal(digits)}, with an exponent out of int range a BAD_NUMBER too. */
    public static BigDecimal parse(String column, String cell, String digits) {
        try {
            return checked(column, cell, new BigDecimal(digits));
        } catch (NumberFormatException e) {
            throw new RowRejectedException(RejectReason.BAD_NUMBER, column + " '" + cell + "' is not a number");
        }
    }

    public static BigDecimal checked(String column, String cell, BigDecimal value) {
        long integerDigits = (long) value.precision() - value.scale();
        if (value.signum() != 0 && integerDigits > MAX_INTEGER_DIGITS) {
            throw new RowRejectedException(RejectReason.BAD_NUMBER, column + " '" + shortened(cell) + "' has more than "
                    + MAX_INTEGER_DIGITS + " integer digits");
        }
        if (value.scale() > MAX_SCALE) {
            throw new RowRejectedException(RejectReason.BAD_NUMBER, column + " '" + shortened(cell)
                    + "' has more than " + MAX_SCALE + " decimals");
        }
        return value;
    }

    /** The amount as a NUMERIC(30,12) column stores it, for figures that must equal a sum of stored amounts. */
    public static BigDecimal asStored(BigDecimal value) {
        return value.scale() > STORED_SCALE ? value.setScale(STORED_SCALE, RoundingMode.HALF_UP) : value;
    }

    private static String shortened(String cell) {
        return cell.length() <= 40 ? cell : cell.substring(0, 40) + "…";
    }
}
