import { Global, Injectable, Module } from '@nestjs/common';
import { ChannelAdapter } from './channel-adapter';
import { ChannelKind } from './inbound-message';
import { PermanentSendError } from './outbound-message';

/** The one place that knows every channel: adapters register here and nothing else switches on the kind. */
@Injectable()
export class ChannelAdapterRegistry {
  private readonly adapters = new Map<ChannelKind, ChannelAdapter>();

  register(adapter: ChannelAdapter): void {
    if (this.adapters.has(adapter.kind)) throw new Error(`a ${adapter.kind} adapter is already registered`);
    this.adapters.set(adapter.kind, adapter);
  }

  get(kind: ChannelKind): ChannelAdapter {
    const adapter = this.adapters.get(kind);
    if (!adapter) throw new PermanentSendError(`Replies on ${kind} channels are not available in this installation`);
    return adapter;
  }

  /** Whether messages can go out on this kind of channel here (a phone line or a field account carries none). */
  has(kind: ChannelKind): boolean {
    return this.adapters.has(kind);
  }
}

/** Global so that each channel module can register its adapter on init. */
@Global()
@Module({ providers: [ChannelAdapterRegistry], exports: [ChannelAdapterRegistry] })
export class ChannelRegistryModule {}
