extension KLLSketch {
    /// Level-0 sizes up to this are sorted by ``mergeSort(_:count:scratch:)`` with a temporary
    /// buffer; larger ones (only with a large `k`) by ``quickSort(_:from:to:)``, in place.
    static let mergeSortLimit = 4_096

    /// Sorts `base[from..<to]` ascending.
    ///
    /// Any correct sort gives the same bits here: the items are finite, `−0.0` is stored as
    /// `+0.0`, so equal items are identical and stability cannot show. Level 0 holds a few dozen
    /// items in arrival order when it is compacted; a branch-free bottom-up merge sort costs
    /// fewer instructions than insertion sort or quicksort on those sizes, and no mispredicted
    /// branch per comparison.
    static func sort(_ base: UnsafeMutablePointer<Double>, from: Int, to: Int) {
        let count = to &- from
        if count <= 8 {
            insertionSort(base, from: from, to: to)
        } else if count <= mergeSortLimit {
            withUnsafeTemporaryAllocation(of: Double.self, capacity: count) { scratch in
                guard let scratch = scratch.baseAddress else { return }
                mergeSort(base + from, count: count, scratch: scratch)
            }
        } else {
            quickSort(base, from: from, to: to)
        }
    }

    /// Sorts `base[0..<count]` using `scratch` (`count` slots): runs of four by a sorting
    /// network, then passes that merge neighbouring runs, alternating between the two buffers.
    static func mergeSort(_ base: UnsafeMutablePointer<Double>, count: Int, scratch: UnsafeMutablePointer<Double>) {
        var run = 0
        while run &+ 4 <= count {
            sortFour(base + run)
            run &+= 4
        }
        insertionSort(base, from: run, to: count)
        var source = base
        var target = scratch
        var width = 4
        while width < count {
            var start = 0
            while start < count {
                let middle = Swift.min(start &+ width, count)
                let end = Swift.min(middle &+ width, count)
                mergeRuns(source, start, middle, end, into: target)
                start = end
            }
            swap(&source, &target)
            width &<<= 1
        }
        if source != base { base.update(from: source, count: count) }
    }

    /// Sorts four items with five compare-exchanges (min and max, no branch).
    @inline(__always)
    private static func sortFour(_ p: UnsafeMutablePointer<Double>) {
        var a = p[0]
        var b = p[1]
        var c = p[2]
        var d = p[3]
        (a, b) = (Swift.min(a, b), Swift.max(a, b))
        (c, d) = (Swift.min(c, d), Swift.max(c, d))
        (a, c) = (Swift.min(a, c), Swift.max(a, c))
        (b, d) = (Swift.min(b, d), Swift.max(b, d))
        (b, c) = (Swift.min(b, c), Swift.max(b, c))
        p[0] = a
        p[1] = b
        p[2] = c
        p[3] = d
    }

    /// Merges the sorted runs `source[start..<middle]` and `source[middle..<end]` into
    /// `target[start..<end]`.
    ///
    /// The run whose last item is smaller runs out first, so only its index needs a bound check
    /// per step: every item of the other run up to its last is reached before that.
    @inline(__always)
    private static func mergeRuns(
        _ source: UnsafeMutablePointer<Double>, _ start: Int, _ middle: Int, _ end: Int,
        into target: UnsafeMutablePointer<Double>
    ) {
        var left = start
        var right = middle
        var out = start
        if left < middle && right < end {
            if source[end &- 1] < source[middle &- 1] {
                while right < end {  // left < middle holds throughout: see above
                    let l = source[left]
                    let r = source[right]
                    let fromRight = r < l
                    target[out] = fromRight ? r : l
                    right &+= fromRight ? 1 : 0
                    left &+= fromRight ? 0 : 1
                    out &+= 1
                }
            } else {
                while left < middle {  // right < end holds throughout: see above
                    let l = source[left]
                    let r = source[right]
                    let fromRight = r < l
                    target[out] = fromRight ? r : l
                    right &+= fromRight ? 1 : 0
                    left &+= fromRight ? 0 : 1
                    out &+= 1
                }
            }
        }
        (target + out).initialize(from: source + left, count: middle &- left)
        out &+= middle &- left
        (target + out).initialize(from: source + right, count: end &- right)
    }

    /// Insertion sort of `base[from..<to]` (short runs).
    static func insertionSort(_ base: UnsafeMutablePointer<Double>, from: Int, to: Int) {
        var index = from &+ 1
        while index < to {
            let item = base[index]
            var hole = index
            while hole > from && base[hole &- 1] > item {
                base[hole] = base[hole &- 1]
                hole &-= 1
            }
            base[hole] = item
            index &+= 1
        }
    }

    /// Sorts `base[from..<to]` in place without allocating: quicksort (median of three) down to
    /// short runs, which insertion sort finishes; past a depth budget the stdlib sort takes over, so
    /// the worst case stays O(n log n).
    static func quickSort(_ base: UnsafeMutablePointer<Double>, from: Int, to: Int) {
        var low = from
        var high = to
        var depthBudget = 2 * (Int.bitWidth - (to - from).leadingZeroBitCount)
        while high - low > 24 {
            guard depthBudget > 0 else {
                var run = UnsafeMutableBufferPointer(start: base + low, count: high - low)
                run.sort()
                return
            }
            depthBudget -= 1
            // Median of three into base[low], then a Hoare partition around it.
            let middle = low + (high - low) / 2
            if base[middle] < base[low] { exchange(base, middle, low) }
            if base[high - 1] < base[low] { exchange(base, high - 1, low) }
            if base[high - 1] < base[middle] { exchange(base, high - 1, middle) }
            exchange(base, low, middle)
            let pivot = base[low]
            var left = low
            var right = high
            while true {
                repeat { left += 1 } while left < high && base[left] < pivot
                repeat { right -= 1 } while base[right] > pivot
                if left >= right { break }
                exchange(base, left, right)
            }
            exchange(base, low, right)
            // Recurse into the smaller side, loop on the larger: O(log n) stack.
            if right - low < high - right - 1 {
                quickSort(base, from: low, to: right)
                low = right + 1
            } else {
                quickSort(base, from: right + 1, to: high)
                high = right
            }
        }
        insertionSort(base, from: low, to: high)
    }

    /// Swaps `base[i]` and `base[j]` (which may be the same slot).
    @inline(__always)
    private static func exchange(_ base: UnsafeMutablePointer<Double>, _ i: Int, _ j: Int) {
        let item = base[i]
        base[i] = base[j]
        base[j] = item
    }

    /// Merges the sorted runs `first..<first+half` and `second..<end` into `first+half..<end`.
    ///
    /// Safe in place because `second == first + 2·half`: the write position never passes the
    /// unread part of the second run, and never enters the first run. As in ``mergeRuns``, the
    /// run whose last item is smaller runs out first, so each step checks one bound.
    static func mergeForward(_ base: UnsafeMutablePointer<Double>, first: Int, half: Int, second: Int, end: Int) {
        var left = first
        let leftEnd = first &+ half
        var right = second
        var out = leftEnd
        if half > 0 && right < end {
            if base[end &- 1] < base[leftEnd &- 1] {
                while right < end {
                    let l = base[left]
                    let r = base[right]
                    let fromRight = r < l
                    base[out] = fromRight ? r : l
                    right &+= fromRight ? 1 : 0
                    left &+= fromRight ? 0 : 1
                    out &+= 1
                }
            } else {
                while left < leftEnd {
                    let l = base[left]
                    let r = base[right]
                    let fromRight = r < l
                    base[out] = fromRight ? r : l
                    right &+= fromRight ? 1 : 0
                    left &+= fromRight ? 0 : 1
                    out &+= 1
                }
                return  // what is left of the second run is already in place
            }
        }
        while left < leftEnd {
            base[out] = base[left]
            left &+= 1
            out &+= 1
        }
    }
}
