/**
 * Verification sides of the connectors: {@link io.headwater.connectors.verify.SqlVerifySide} for
 * PostgreSQL and H2 tables with checksum push-down (the canonical form and its SHA-256 fingerprint
 * computed in SQL), and {@link io.headwater.connectors.verify.KafkaTopicVerifySide} for a CDC topic
 * read as the latest value per key.
 */
package io.headwater.connectors.verify;
