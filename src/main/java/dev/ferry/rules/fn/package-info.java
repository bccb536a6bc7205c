/** Pure helper functions rules may import: text, HTML, names, postal codes, phone numbers and business-number check digits. Generic; no platform names. */
package dev.ferry.rules.fn;
