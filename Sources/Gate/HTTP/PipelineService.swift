import Capture
import Foundation
import Logging
import ServiceLifecycle

/// Runs the `BufferPipeline` on its own thread as a service of the server's group: on
/// graceful shutdown (SIGTERM) it stops capture and waits for the buffer under test. A
/// pipeline that ends by itself (the source ended or failed) leaves the server serving
/// what the pool holds.
public struct PipelineService: Service {
    public let pipeline: BufferPipeline
    public let logger: Logger

    public init(pipeline: BufferPipeline, logger: Logger) {
        self.pipeline = pipeline
        self.logger = logger
    }

    public func run() async throws {
        let stop = StopSignal()
        let pipeline = pipeline, logger = logger
        let finished: Task<Void, Never> = Task {
            await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                let thread = Thread {
                    // Serving first: capture (this thread and its stages) then runs at nice 10.
                    if pipeline.settings.idleBatteries { ThreadScheduling.background() }
                    do {
                        try pipeline.run(stop: stop)
                        logger.notice("capture ended", metadata: ["source": "\(pipeline.status.source.state.rawValue)"])
                    } catch {
                        logger.error("capture stopped", metadata: ["error": "\(error)"])
                    }
                    done.resume()
                }
                thread.name = "rngcert-gate-pipeline"
                thread.start()
            }
        }
        await withGracefulShutdownHandler {
            await finished.value
        } onGracefulShutdown: {
            stop.request()
        }
        // Stay until shutdown even when capture ended, so the service group keeps serving.
        try? await gracefulShutdown()
    }
}
