/** Source-platform catalogs and Odoo target catalogs: loading, validation and generation from fields_get. */
package dev.ferry.catalog;
