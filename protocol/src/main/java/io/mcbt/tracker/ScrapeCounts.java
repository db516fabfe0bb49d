package io.mcbt.tracker;

/**
 * A swarm's figures in a scrape reply (BEP 48).
 *
 * @param complete seeders now
 * @param downloaded completed downloads ever
 * @param incomplete leechers now
 */
public record ScrapeCounts(int complete, long downloaded, int incomplete) {}
