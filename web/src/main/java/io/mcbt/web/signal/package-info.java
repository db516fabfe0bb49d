/** The WebSocket {@code /ws/peer}: signalling between peers and the grouping service. */
package io.mcbt.web.signal;
