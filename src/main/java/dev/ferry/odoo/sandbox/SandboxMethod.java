package dev.ferry.odoo.sandbox;

import java.util.List;
import java.util.Map;

/**
 * A model method a test adds to the sandbox, such as {@code sale.order.action_confirm}, for writer steps that
 * call methods rather than import data. It runs inside the call's transaction: throwing rolls back what it did.
 */
@FunctionalInterface
public interface SandboxMethod {
    /**
     * @param env  the sandbox's records
     * @param ids  the records the method was called on (empty for a model-level method)
     * @param args the named arguments, without {@code ids} and {@code context}
     * @return the method's Python-style result: Boolean, Long, Double, String, List, Map or null
     */
    Object call(SandboxEnv env, List<Long> ids, Map<String, Object> args);
}
