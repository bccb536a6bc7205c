/** A run of a plan against Odoo: its journal (audit log, resume point, rollback script), resume, verify and rollback. */
package dev.ferry.run;
