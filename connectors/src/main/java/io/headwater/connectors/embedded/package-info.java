/** What the embedded servers share: the port file that keeps their ports stable across restarts. */
package io.headwater.connectors.embedded;
