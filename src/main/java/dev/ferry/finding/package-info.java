/** Findings: the one shape every stage uses to report a problem, with its origin and a hint. */
package dev.ferry.finding;
