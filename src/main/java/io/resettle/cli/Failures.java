package io.resettle.cli;

import io.resettle.masterdata.DataSetException;
import io.resettle.policy.PolicyException;
import io.resettle.support.RefusedException;
import java.sql.SQLException;

/**
 * Turns what a command threw into one or two lines on the console (what is wrong, what to do) and
 * an exit code: 2 for refusals (bad arguments, a database that does not exist, a data set that
 * cannot be used), 1 for failures. The stack trace is in the log, and on the console with --debug.
 */
final class Failures {

    private Failures() {
    }

    static int report(Exception e, ResettleCommand root) {
        if (root.debug) {
            e.printStackTrace(root.err);
        }
        Throwable refusal = refusalIn(e);
        if (refusal != null) {
            root.err.println("resettle: refused: " + refusal.getMessage());
            return ResettleCommandLine.REFUSED;
        }
        SQLException sql = find(e, SQLException.class);
        if (sql != null) {
            return database(sql, root);
        }
        root.err.println("resettle: failed: " + oneLine(e));
        root.err.println("  the log has the details: " + SpringCommand.logFile() + " (or run again with --debug)");
        return ResettleCommandLine.FAILED;
    }

    static boolean isRefusal(Exception e) {
        return refusalIn(e) != null;
    }

    /** The runner's refusals and an unusable data set or policy anywhere in the chain; bad arguments on top. */
    private static Throwable refusalIn(Exception e) {
        if (e instanceof IllegalArgumentException) {
            return e;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RefusedException || t instanceof DataSetException || t instanceof PolicyException) {
                return t;
            }
        }
        return null;
    }

    /** The database cannot be used: which one, why, and what to do. */
    private static int database(SQLException e, ResettleCommand root) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = firstLine(e.getMessage());
        if (state.equals("3D000")) {
            root.err.println("resettle: refused: " + message + " (PostgreSQL)");
            root.err.println("  create it first (e.g. createdb -h 127.0.0.1 -U postgres NAME), or name another with --db");
            return ResettleCommandLine.REFUSED;
        }
        if (state.startsWith("28")) {
            root.err.println("resettle: refused: the database refused the login: " + message);
            root.err.println("  check the user and password in --db (or $RESETTLE_DB_URL)");
            return ResettleCommandLine.REFUSED;
        }
        if (e.getErrorCode() == 90020) {
            root.err.println("resettle: refused: the H2 database file is in use by another process: " + message);
            root.err.println("  stop that process, or add ;AUTO_SERVER=TRUE to the H2 URL (the default ./data/resettle has it)");
            return ResettleCommandLine.REFUSED;
        }
        if (state.startsWith("08")) {
            root.err.println("resettle: failed: cannot connect to the database: " + message);
            root.err.println("  is the server running at the address in --db (or $RESETTLE_DB_URL)?");
            return ResettleCommandLine.FAILED;
        }
        root.err.println("resettle: failed: database error: " + message);
        root.err.println("  the log has the details: " + SpringCommand.logFile() + " (or run again with --debug)");
        return ResettleCommandLine.FAILED;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The innermost cause, as "Type: first line of its message". */
    static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (e instanceof RefusedException) {
            root = e;
        }
        String message = root.getMessage() == null ? "" : ": " + firstLine(root.getMessage());
        return root.getClass().getSimpleName() + message;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
