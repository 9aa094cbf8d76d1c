package io.headwater.views.common;

/**
 * What {@code File > Discover…} asks for: where the Kafka Connect REST API is and, optionally, the Kafka
 * brokers. Immutable.
 *
 * @param connectUrl     the Kafka Connect REST API, e.g. {@code http://connect:8083}
 * @param kafkaBootstrap the brokers' bootstrap servers, or an empty string when not given
 */
public record DiscoverRequest(String connectUrl, String kafkaBootstrap) {
    public DiscoverRequest {
        connectUrl = connectUrl == null ? "" : connectUrl.strip();
        kafkaBootstrap = kafkaBootstrap == null ? "" : kafkaBootstrap.strip();
    }
}
