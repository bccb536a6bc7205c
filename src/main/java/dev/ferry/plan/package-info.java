/** The load plan: its model, the compiler that validates, orders and batches target records, and plan I/O. */
package dev.ferry.plan;
