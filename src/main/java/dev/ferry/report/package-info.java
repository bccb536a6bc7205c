/** Renders findings, plan summaries, diffs and reconciliation reports for people. */
package dev.ferry.report;
