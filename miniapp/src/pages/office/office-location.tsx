// Where the hall is. Mini-programs show the platform's Map with a marker and open the platform's
// navigation; H5 has no map component, so it links to Amap (高德) directions, which take the same
// GCJ-02 coordinates the BFF stores.
import { Map } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { OfficeDetail } from '@palm/shared/server';
import { Button } from '../../components/button';

export function amapUrl(office: Pick<OfficeDetail, 'lat' | 'lng' | 'name'>): string {
  return `https://uri.amap.com/marker?position=${office.lng},${office.lat}&name=${encodeURIComponent(office.name)}&coordinate=gaode&callnative=1`;
}

export function OfficeLocation({ office }: { office: OfficeDetail }) {
  if (process.env.TARO_ENV === 'h5') {
    return (
      <Button id='office-directions' variant='secondary' isBlock onClick={() => window.open(amapUrl(office), '_blank')}>
        路线导航（高德地图）
      </Button>
    );
  }
  return (
    <>
      <Map
        id='office-map'
        className='office__map'
        latitude={office.lat}
        longitude={office.lng}
        scale={16}
        onError={() => undefined}
        markers={[{ id: 1, latitude: office.lat, longitude: office.lng, title: office.name, width: 36, height: 36, iconPath: '/assets/marker.png' }]}
      />
      <Button
        id='office-directions'
        variant='secondary'
        isBlock
        onClick={() => void Taro.openLocation({ latitude: office.lat, longitude: office.lng, name: office.name, address: office.address, scale: 16 })}
      >
        导航到这里
      </Button>
    </>
  );
}
