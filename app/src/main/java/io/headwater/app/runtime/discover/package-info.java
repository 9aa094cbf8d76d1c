/** Discovery wired to real systems: a Kafka Connect cluster's REST API and the databases' information_schema. */
package io.headwater.app.runtime.discover;
