/** Swarm state and the announce core: pure, thread-safe Java with the clock passed in. */
package io.mcbt.tracker.swarm;
