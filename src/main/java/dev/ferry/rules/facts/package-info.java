/**
 * The rule author's API: the types DRL files see. Source records come in, target records and findings go out
 * through the {@code out} global; {@code ctx} tells the target version, apps, users and options; {@code values}
 * holds the value maps. Generic by design: nothing here names a platform.
 */
package dev.ferry.rules.facts;
