/// bzip2's Huffman code-length construction (libbz2 1.0.8 `BZ2_hbMakeCodeLengths`), reproduced
/// exactly because the compressed size depends on its tie-breaking: symbols are leaves with
/// weight max(freq, 1)·256; a binary heap repeatedly joins the two lightest nodes, a joined node
/// weighing the sum of the weights with depth 1 + the deeper child's depth in the low 8 bits;
/// when a code is longer than `maxLength`, every weight w becomes (1 + (w/256)/2)·256 and the
/// construction restarts.
enum BZip2HuffmanLengths {
    static func make(lengths: UnsafeMutableBufferPointer<UInt8>, frequencies: UnsafeBufferPointer<Int32>, alphabetSize: Int, maxLength: Int) {
        let capacity = 2 * (alphabetSize + 2)
        var heap = [Int32](repeating: 0, count: alphabetSize + 2)
        var weight = [Int32](repeating: 0, count: capacity)
        var parent = [Int32](repeating: 0, count: capacity)
        for i in 0..<alphabetSize {
            weight[i + 1] = (frequencies[i] == 0 ? 1 : frequencies[i]) << 8
        }
        while true {
            var nodes = alphabetSize
            var heapSize = 0
            heap[0] = 0
            weight[0] = 0
            parent[0] = -2

            func upHeap(_ z: Int) {
                var zz = z
                let tmp = heap[zz]
                while weight[Int(tmp)] < weight[Int(heap[zz >> 1])] {
                    heap[zz] = heap[zz >> 1]
                    zz >>= 1
                }
                heap[zz] = tmp
            }
            func downHeap(_ z: Int) {
                var zz = z
                let tmp = heap[zz]
                while true {
                    var yy = zz << 1
                    if yy > heapSize { break }
                    if yy < heapSize && weight[Int(heap[yy + 1])] < weight[Int(heap[yy])] { yy += 1 }
                    if weight[Int(tmp)] < weight[Int(heap[yy])] { break }
                    heap[zz] = heap[yy]
                    zz = yy
                }
                heap[zz] = tmp
            }

            for i in 1...alphabetSize {
                parent[i] = -1
                heapSize += 1
                heap[heapSize] = Int32(i)
                upHeap(heapSize)
            }
            while heapSize > 1 {
                let n1 = heap[1]
                heap[1] = heap[heapSize]; heapSize -= 1; downHeap(1)
                let n2 = heap[1]
                heap[1] = heap[heapSize]; heapSize -= 1; downHeap(1)
                nodes += 1
                parent[Int(n1)] = Int32(nodes)
                parent[Int(n2)] = Int32(nodes)
                let w1 = weight[Int(n1)], w2 = weight[Int(n2)]
                weight[nodes] = ((w1 & ~0xFF) + (w2 & ~0xFF)) | (1 + max(w1 & 0xFF, w2 & 0xFF))
                parent[nodes] = -1
                heapSize += 1
                heap[heapSize] = Int32(nodes)
                upHeap(heapSize)
            }

            var tooLong = false
            for i in 1...alphabetSize {
                var j = 0
                var k = i
                while parent[k] >= 0 { k = Int(parent[k]); j += 1 }
                lengths[i - 1] = UInt8(j)
                if j > maxLength { tooLong = true }
            }
            if !tooLong { return }
            for i in 1...alphabetSize {
                var j = weight[i] >> 8
                j = 1 + (j / 2)
                weight[i] = j << 8
            }
        }
    }
}
