/** Builds the KieBase from rules on disk and runs it over source records in stateless batches. */
package dev.ferry.rules;
