/**
 * Recognising personal data: {@link io.headwater.engine.audit.pii.PiiMatchers} finds e-mail
 * addresses, phone numbers, payment cards (Luhn-checked), IBANs (mod-97-checked), national ids and
 * IP addresses in text; {@link io.headwater.engine.audit.pii.FieldNameHints} suggests a category from
 * a column's name; {@link io.headwater.engine.audit.pii.Masking} shows examples without revealing them.
 */
package io.headwater.engine.audit.pii;
