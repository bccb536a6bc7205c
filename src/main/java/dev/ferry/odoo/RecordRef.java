package dev.ferry.odoo;

/**
 * A record an external id points at.
 *
 * @param model the model, e.g. {@code res.partner}
 * @param id    the database id
 */
public record RecordRef(String model, long id) {
}
