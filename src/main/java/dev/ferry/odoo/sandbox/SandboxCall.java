package dev.ferry.odoo.sandbox;

/**
 * One model-method call the sandbox received, in arrival order.
 *
 * @param number   1-based arrival number among model-method calls
 * @param protocol {@code xmlrpc} or {@code json2}
 * @param model    the model
 * @param method   the method
 * @param writing  whether the method can change data (anything but read, search, fields_get, ...)
 * @param outcome  what the sandbox did with it
 */
public record SandboxCall(int number, String protocol, String model, String method, boolean writing, Outcome outcome) {

    /** What happened to a call. */
    public enum Outcome {
        /** Ran and answered normally. */
        OK,
        /** Ran and answered with Odoo's fault; nothing of it was saved. */
        FAULT,
        /** Not run: an injected fault was answered. */
        INJECTED_FAULT,
        /** Not run: an injected HTTP status was answered. */
        INJECTED_STATUS,
        /** Ran (and committed if it succeeded), then the connection was closed without a reply. */
        REPLY_DROPPED
    }
}
