package io.mcbt.peer.transfer;

import io.mcbt.peer.storage.PieceStore;
import io.mcbt.transfer.BlockLayout;
import io.mcbt.transfer.DataFrame;
import io.mcbt.transfer.EndFrame;
import io.mcbt.transfer.FrameAuthenticator;
import io.mcbt.transfer.FrameHeader;
import io.mcbt.transfer.FrameType;
import io.mcbt.transfer.SessionParameters;
import io.mcbt.transfer.StatusRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.locks.LockSupport;

/**
 * A sender's frames on their way to the group: built in one reused buffer (a block is read once per
 * piece and copied into its frame), sealed, and paced to the current rate. Counts what it puts on
 * the wire. Used by the sending thread only.
 */
final class FrameOutput {
  /** Waits shorter than this are caught up by the next datagrams rather than slept. */
  private static final long PARK_THRESHOLD_NS = 300_000;

  private final DatagramChannel channel;
  private final InetSocketAddress group;
  private final FrameAuthenticator sealer;
  private final SessionParameters parameters;
  private final BlockLayout layout;
  private final PieceStore store;
  private final Pacer pacer;
  private final ByteBuffer frame = ByteBuffer.allocateDirect(65_536);
  private final ByteBuffer pieceBuffer;
  private int bufferedPiece = -1;
  private long bytesSent;
  private long datagramsSent;

  FrameOutput(
      DatagramChannel channel,
      InetSocketAddress group,
      byte[] key,
      SessionParameters parameters,
      BlockLayout layout,
      PieceStore store,
      double bytesPerSecond,
      long nowNs) {
    this.channel = channel;
    this.group = group;
    this.sealer = new FrameAuthenticator(key);
    this.parameters = parameters;
    this.layout = layout;
    this.store = store;
    this.pacer = new Pacer(bytesPerSecond, 2_000_000, nowNs);
    this.pieceBuffer = ByteBuffer.allocateDirect(layout.pieceLength());
  }

  void rate(double bytesPerSecond) {
    pacer.rate(bytesPerSecond);
  }

  long bytesSent() {
    return bytesSent;
  }

  long datagramsSent() {
    return datagramsSent;
  }

  /** Sends block {@code block}; returns the payload bytes sent. */
  int data(int block, int round) throws IOException {
    int piece = layout.pieceOf(block);
    int offset = layout.offsetOf(block);
    int length = layout.lengthOf(block);
    if (piece != bufferedPiece) {
      pieceBuffer.clear().limit(layout.pieceSize(piece));
      store.readBlock(piece, 0, pieceBuffer);
      bufferedPiece = piece;
    }
    frame.clear();
    frame.put(FrameHeader.LENGTH, pieceBuffer, offset, length);
    DataFrame.writeHeader(frame, FrameType.DATA, parameters, round, piece, offset, length);
    send();
    return length;
  }

  /** Sends the next repair block of {@code codingGroup}; returns the payload bytes sent. */
  int repair(RepairEncoder encoder, int codingGroup, int round) throws IOException {
    frame.clear();
    int index = encoder.next(codingGroup, frame, FrameHeader.LENGTH);
    DataFrame.writeHeader(
        frame, FrameType.REPAIR, parameters, round, codingGroup, index, parameters.blockSize());
    send();
    return parameters.blockSize();
  }

  void status(StatusRequest request) throws IOException {
    frame.clear();
    request.encode(frame);
    send();
  }

  /** Three times, a little apart: a member that misses it waits out a silence instead. */
  void end(EndFrame.Reason reason, int round) {
    for (int i = 0; i < 3 && channel.isOpen(); i++) {
      try {
        frame.clear();
        new EndFrame(parameters, round, reason).encode(frame);
        send();
        LockSupport.parkNanos(2_000_000);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void send() throws IOException {
    sealer.seal(frame);
    int bytes = frame.remaining();
    long waitNs = pacer.reserve(bytes, System.nanoTime());
    if (waitNs > PARK_THRESHOLD_NS) {
      LockSupport.parkNanos(waitNs);
    }
    channel.send(frame, group);
    bytesSent += bytes;
    datagramsSent++;
  }
}
