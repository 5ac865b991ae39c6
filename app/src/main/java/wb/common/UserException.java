package wb.common;

/**
 * An error caused by the user's input (a missing folder, a bad option, too few classes). Its message
 * is one line that says what is wrong and how to fix it; front ends show it without a stack trace.
 */
public class UserException extends RuntimeException {
    public UserException(String message) { super(message); }
    public UserException(String message, Throwable cause) { super(message, cause); }
}
