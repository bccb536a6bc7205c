/** Pure helper functions rules may import: text, HTML, names and postal codes. Generic; no platform names. */
package dev.ferry.rules.fn;
