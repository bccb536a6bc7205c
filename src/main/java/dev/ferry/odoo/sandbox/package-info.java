/** An in-process stand-in for an Odoo server, speaking XML-RPC and JSON-2 over HTTP, for writer tests with fault injection. */
package dev.ferry.odoo.sandbox;
