/** Reads export files (CSV, XLSX, JSON) per the source catalog into typed raw records with their origin. */
package dev.ferry.source;
