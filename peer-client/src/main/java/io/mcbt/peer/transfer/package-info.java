/**
 * The multicast data plane: a group's {@link io.mcbt.peer.transfer.MulticastSender} sends every
 * block to the group's address, paced and adapting its rate to the losses members report, then
 * repairs what members miss in rounds; each member's {@link
 * io.mcbt.peer.transfer.MulticastReceiver} writes what authenticates into the piece store, verifies
 * every piece before it counts, and answers status requests with NACKs. Frames are defined in
 * {@link io.mcbt.transfer}.
 *
 * <p>Each agent owns one socket on one thread and allocates nothing per datagram; timers take the
 * time as a parameter.
 */
package io.mcbt.peer.transfer;
